"""Boilerplate cues: the phrases that mark a paragraph as page furniture, in several languages.

Each cue is a regular expression over one normalised paragraph. They are deliberately anchored
(a label must be the whole paragraph, a prompt must start it) and limited to short paragraphs by
the cleaner, because the same words occur in story text ("the company's newsletter said ...").
The languages are those of the news we read most and of the extraction benchmark: English,
German, French, Spanish, Portuguese, Italian, Polish, Dutch.

Every pattern is a general rule about page furniture; none names a site. Each was kept only when
it removed must-drop snippets on the extraction benchmark without costing must-keep ones
(docs/extraction.md).
"""

from __future__ import annotations

import re

__all__ = [
    "ADVERT",
    "AUTHOR_BIO",
    "AUTHOR_LABEL",
    "AUTHOR_ROLE_LINE",
    "CALL_TO_ACTION",
    "CALL_TO_ACTION_KEYS",
    "CAPTION_CHART",
    "CAPTION_NAME_CREDIT",
    "CAPTION_POSITION",
    "CAPTION_POSITION_NAME",
    "CAPTION_PREFIX",
    "COMMENT_ANYWHERE",
    "COMMENT_ANYWHERE_KEYS",
    "COMMENT_HEADER",
    "COMMENT_PROMPT",
    "CONTACT",
    "COOKIE",
    "COPYRIGHT",
    "COPYRIGHT_KEYS",
    "CREDIT_LINE",
    "CREDIT_SUFFIX",
    "CREDIT_SUFFIX_KEYS",
    "DISCLOSURE",
    "DISCLOSURE_KEYS",
    "DISCLOSURE_MAX_CHARS",
    "EDITOR_NOTE",
    "LEGAL_NOTE",
    "LINK_PROMPT",
    "LINK_PROMPT_KEYS",
    "MEDIA_LABEL",
    "MIXED_SCRIPT_WORD",
    "MODIFIED_STAMP",
    "MODIFIED_STAMP_KEYS",
    "NAVIGATION",
    "PAYWALL",
    "POSTED_META",
    "READ_MORE_SUFFIX",
    "READ_MORE_SUFFIX_KEYS",
    "RELATED_PREFIX",
    "RELATED_PREFIX_CAPS",
    "SECTION_BLOCK",
    "SECTION_LABEL",
    "SHARE",
    "SOCIAL_ONLY",
    "SUBSCRIBE",
    "SUBSCRIBE_ANYWHERE",
    "SUBSCRIBE_ANYWHERE_KEYS",
    "SUBSCRIBE_CONTINUATION",
    "SUPPORT_ANYWHERE",
    "SUPPORT_ANYWHERE_KEYS",
    "TIMESTAMP_ONLY",
    "may_contain",
]

#: Click prompts and embed-consent buttons.
CALL_TO_ACTION = re.compile(
    r"\b(?:click here|tap here|hier klicken|klicken sie hier|cliquez ici|haga clic aquí|kliknij tutaj)\b"
    r"|^(?:klicken sie auf den (?:unteren )?button|click (?:the button|below) to load|mit dem laden des inhalts)"
    r"|^(?:weitere|mehr) infos?(?:rmationen)? (?:unter|auf|bei)\b|^more info(?:rmation)? (?:at|on)\b"
    r"|^(?:erhalten sie|holen sie sich|sichern sie sich|get your free|claim your)\b[^?]*$"
    r"|\b(?:gleich|jetzt) (?:reinschauen|entdecken|informieren|bestellen|sichern|kaufen)"
    r"(?: und (?:reinschauen|entdecken|informieren|bestellen|sichern|kaufen))?\s*(?:!|\.?$)"
    r"|^(?:mit diesem|with this|use this) button\b",
    re.IGNORECASE,
)

#: Literal pieces (lower case) one of which every ``CALL_TO_ACTION`` match contains: the unanchored
#: searches are the cleaner's slowest step, so a substring test goes first (as for ``COPYRIGHT``).
CALL_TO_ACTION_KEYS = (
    "erhalten sie",
    "holen sie sich",
    "sichern sie sich",
    "get your free",
    "claim your",
    "reinschauen",
    "entdecken",
    "informieren",
    "bestellen",
    "sichern",
    "kaufen",
    "click",
    "tap here",
    "klick",
    "cliquez",
    "clic",
    "kliknij",
    "button",
    "laden des",
    "info",
)

_I = re.IGNORECASE

#: "Read also: <headline>", "Lesen Sie auch:", "À lire aussi", "Lea también:", "Czytaj też:" ...
RELATED_PREFIX = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: (?:article|story|stories|content|coverage|reading))?"
    r"|more on (?:this|that)(?: (?:story|topic))?|recommended|watch|listen|more|"
    r"lesen sie (?:auch|hier|mehr|weiter)|auch interessant|mehr zum thema|mehr dazu|weiterlesen|siehe auch"
    r"|das könnte (?:sie|dich) auch interessieren|zum thema"
    r"|(?:à )?lire aussi|voir aussi|à voir aussi|sur le même sujet"
    r"|lea (?:también|más)|lee (?:también|más)|le puede interesar|te puede interesar|puedes ver"
    r"|vea también|ver también|mira|mire|también te puede interesar|noticias relacionadas"
    r"|leia (?:também|mais)|veja (?:também|mais)|leggi anche|vedi anche|auch lesen|lea"
    r"|czytaj (?:też|także|więcej)|zobacz (?:też|także|również)|dowiedz się więcej"
    r"|lees ook|meer over)"
    r"\s*(?::|»|>>|\u2192|[-\u2013\u2014]\s)\s*\S",
    _I,
)

#: Upper-case teaser prefixes that come without a colon: "ALSO READ Bitcoin jumps ...".
RELATED_PREFIX_CAPS = re.compile(
    r"^(?:ALSO READ|READ ALSO|READ MORE|RELATED|SEE ALSO|LESEN SIE AUCH|LIRE AUSSI)\s+\S|^>>\s*\S.{0,200}<<$"
)

_SECTION_LABELS = (
    r"(?:related(?: posts| articles| stories| content| news| coverage| links| topics)?|recent posts"
    r"|more (?:stories|news|articles|from [\w .'-]{1,40})|most (?:read|popular|viewed|shared)|trending(?: now)?"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| reading)?"
    r"|top stories|latest (?:news|stories|posts)|editor'?s picks|popular posts|further reading"
    r"|weitere (?:themen|artikel|beiträge|nachrichten|informationen|meldungen)|empfohlene beiträge"
    r"|ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel)|meistgelesen|meist gelesen|beliebte beiträge"
    r"|neueste beiträge|aktuelle beiträge|das könnte (?:sie|dich) auch interessieren|auch interessant"
    r"|mehr zum thema|beiträge aus dem forum|inhaltsverzeichnis|schlagworte|themen"
    r"|articles (?:similaires|liés)|à lire aussi|lire aussi|sur le même sujet|les plus lus"
    r"|notas relacionadas|noticias relacionadas|contenido relacionado|artículos relacionados|temas|lo más leído"
    r"|matérias relacionadas|articoli correlati|powiązane artykuły|czytaj także|najczęściej czytane"
    r"|tags|categories|kategorien|share this|share this article|share this story|share this post"
    r"|schon gelesen\??|mehr themen|zum weiterlesen|lesen sie auch(?: die folgenden beiträge)?|kommentierte artikel"
    r"|weitere [\w-]+(?: [\w-]+){0,2} (?:zum thema|aus der [\w-]+|in [\w-]+|von [\w-]+)|weitere [\w-]+ zum thema"
    r"|weitere aktuelle themen(?: [\w ]{0,30})?|top-themen(?: bei [\w .-]{1,30})?|más sobre [\w .-]{1,30}"
    r"|quellen(?:angaben)?|zusatzinformationen|kontakt|pressekontakt|ansprechpartner(?:in)?(?: zum thema)?"
    r"|über (?:den autor|die autorin|uns)|about the author|contact(?: us)?|read also|read more|also read"
    r"|das thema könnte (?:sie|dich) auch interessieren|release date|more (?:on|about) this (?:topic|story)"
    r"|(?:diese|weitere) (?:artikel|beiträge|themen) könnten (?:sie|dich) (?:auch|ebenfalls) interessieren"
    r"|weiterlesen|(?:also|auch|aussi|también) (?:on|auf|sur|en) [\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}"
    r"|lue (?:aiheesta )?(?:lisää|myös)|läs (?:också|mer)|les (?:også|mer)|læs (?:også|mere)"
    r"|originalpublikation|originalveröffentlichung|original publication)"
)

#: A whole paragraph that names a block of links to other pages (the block's teasers follow).
SECTION_LABEL = re.compile(r"^" + _SECTION_LABELS + r"\s*:?$", _I)

#: A label with its teasers run into one paragraph (plain-text exports join the lines):
#: "Related Posts Kharkiv region braces for floods Who runs Ukraine's small dams?".
SECTION_BLOCK = re.compile(
    r"^" + _SECTION_LABELS + r"\s*:?\s+(?=[A-Z0-9\u00c0-\u024f\"\u201c])", _I
)

#: A bare label above the author box: "Autor", "About the author", "Zur Autorin".
AUTHOR_LABEL = re.compile(
    r"^(?:(?:the |der |die |zum |zur |über (?:den |die )?)?(?:author|autor|autorin|autoren)|about the author"
    r"|l'auteur|sobre el autor|o autorze)\s*:?$",
    _I,
)

#: An author box: "Jane Roe is a reporter at ...", "Inga Buller ist Redakteurin bei ...": a first
#: and last name, then a writer's role. Only applied to the last paragraphs of an article (the
#: cleaner checks the position); "Siemens is a partner in the project." is not matched.
AUTHOR_BIO = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w'\u2019.-]+\s+){2,3}(?:is|ist|was|war|est|es|é)\s+(?:[\w&'\u2019-]+\s+){0,5}?"
    r"(?i:journalist|editor|redakteur|autor|author|writer|reporter|correspondent|korrespondent|founder|gründer"
    r"|head of|consultant|berater|freelance|freie[rn]? |contributor|columnist|kolumnist|chefredakteur"
    r"|volontär|studiert|studies|a student|journaliste|periodista|rédact)",
)

#: A line that is only the author's role: "Redakteur in der Wirtschaft.", "Reporter at the Post."
AUTHOR_ROLE_LINE = re.compile(
    r"^(?:redakteur(?:in)?|korrespondent(?:in)?|reporter(?:in)?|autor(?:in)?|volontär(?:in)?|editor"
    r"|correspondent|staff writer|journalist(?:in)?)\s+(?:in|im|bei|für|der|des|at|for|of|with)\b[^.!?]*\.?$",
    _I,
)

#: Editors' notes about the article itself.
EDITOR_NOTE = re.compile(
    r"^(?:(?:this|the) (?:story|article|page|guide|post|report) (?:will be|is being|has been|was) (?:updated|corrected)"
    r"|[\w .'’-]{2,50} will update this (?:story|article|page|guide|post|report)"
    r"|(?:editor'?s|editorial) note\s*:|correction\s*:|update\s*:\s*this (?:story|article)"
    r"|(?:this is|dies ist) (?:part|teil) \d+ (?:of|zu[mr]?|von)\b"
    r"|(?:medically|fact)[- ](?:reviewed|checked) by\b"
    r"|(?:dieser|der) (?:text|artikel|beitrag) .{0,120}(?:wurde|ist) von (?:medizinern|ärzten|ärztinnen|experten|fachleuten) (?:geprüft|überprüft))",
    _I,
)

#: Comment forms and prompts.
COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?|no comments(?: yet)?|view comments"
    r"|comments?(?: \(\d+\))?|join the (?:conversation|discussion)|your email address will not be published"
    r"|required fields are marked|you must be logged in to post a comment|we want to hear what you think"
    r"|kommentare?(?: \(\d+\))?|keine kommentare|kommentar (?:schreiben|verfassen|hinterlassen|abgeben)"
    r"|schreibe(?:n sie)? einen kommentar|hinterlasse(?:n sie)? einen kommentar|kommentare insgesamt"
    r"|deine e-mail-adresse wird nicht veröffentlicht|ihre e-mail-adresse wird nicht veröffentlicht"
    r"|du musst eingeloggt sein|sie müssen angemeldet sein|verraten sie (?:uns |gerne )?in den kommentaren"
    r"|laisser un commentaire|laisser une réponse|votre adresse e-mail ne sera pas publiée"
    r"|deja un comentario|deja una respuesta|tu dirección de correo electrónico no será publicada"
    r"|deixe um comentário|lascia un commento|dodaj komentarz|skomentuj|submit (?:a|your) letter)\b",
    _I,
)

#: A comment invitation inside a short paragraph: "... Dann schreibe mir gern einen Kommentar.",
#: "Let us know in the comments." (imperatives only: "er schrieb einen Kommentar" is a report).
COMMENT_ANYWHERE = re.compile(
    r"\b(?:hinterlasse|hinterlass|hinterlassen sie|schreib|schreibe|schreibt|schreiben sie) (?:uns |mir )?"
    r"(?:doch |einfach |gerne |gern )?(?:einen|ein) kommentar\b|\bleave (?:us |me )?a comment\b"
    r"|\blet (?:us|me) know in the comments\b|\b(?:dejen?|déjanos|deja) (?:tu |su |un )?comentario\b"
    r"|\blaissez(?:-nous)? un commentaire\b",
    _I,
)

#: Literal pieces (lower case) one of which every ``COMMENT_ANYWHERE`` match contains.
COMMENT_ANYWHERE_KEYS = ("kommentar", "comment")

#: The header of a numbered reader comment left in the text: "#1 Kommentar von Jane". ("Jane
#: says:" is not enough: "Der Bürgermeister sagt:" introduces a quotation of the story.)
COMMENT_HEADER = re.compile(r"^#\d+\s+(?:kommentar|comment|reply|antwort)\b", _I)

#: Share prompts.
SHARE = re.compile(
    r"^(?:share(?: this)?(?: (?:article|story|post|page))?\s*(?::|on\b|via\b|$)|share on |tweet this|email this"
    r"|teilen(?:\s*:|$)|diesen (?:artikel|beitrag) teilen|artikel teilen|jetzt teilen|partager(?: cet article)?\s*(?::|$)"
    r"|compartir(?: en)?\s*(?::|$)|compartilhe|condividi|udostępnij)",
    _I,
)

#: A paragraph made only of social network names (a share bar): "Facebook | Telegram | Viber".
SOCIAL_ONLY = re.compile(
    r"^(?:(?:facebook|twitter|x|telegram|viber|whatsapp|linkedin|pinterest|reddit|instagram|youtube|tiktok"
    r"|e-?mail|print|xing|flipboard|messenger|copy link|threads|mastodon|bluesky)[\s|,·•/]*){2,}$",
    _I,
)

#: Subscribe, newsletter and follow prompts (imperatives and offers, not mentions).
SUBSCRIBE = re.compile(
    r"^(?:sign up|subscribe|get (?:the|our) [\w' -]{0,40}(?:newsletter|briefing|digest|daily edition)"
    r"|never miss|don'?t miss|follow (?:us|[\w .'-]{1,40}) on|join (?:us|our [\w ]{0,20}) on"
    r"|download (?:the|our) [\w ]{0,30}apps?|for the latest [\w ]{0,40}(?:download|follow|subscribe)"
    r"|(?:our |the )?[\w ]{0,30}newsletter\s*:?$|newsletter (?:abonnieren|bestellen)"
    r"|(?:jetzt )?(?:kostenlos )?(?:zum )?newsletter anmelden|melden sie sich (?:jetzt )?(?:für|zu|zum)"
    r"|mit unserem newsletter|abonnieren sie|jetzt abonnieren|folge(?:n sie)? uns auf"
    r"|abonnez-vous|inscrivez-vous|suscríbete|suscribete|suscríbase|únete|siga-nos|iscriviti"
    r"|zapisz się|zapraszamy (?:też )?do subskrypcji|subskrybuj|obserwuj nas)(?!\w)",
    _I,
)

#: The sentence after a newsletter prompt that describes the newsletter.
SUBSCRIBE_CONTINUATION = re.compile(
    r"\b(?:inbox|by e-?mail|every (?:morning|week|weekday|day)|postfach)\b", _I
)

#: Paywall and membership prompts.
PAYWALL = re.compile(
    r"^(?:to (?:view|read|continue reading) (?:the full|this) (?:story|article)|already a subscriber"
    r"|if you(?:'re| are) (?:already )?a subscriber|if you(?:’re| are) seeing this message"
    r"|subscribe now to|support (?:our|independent) journalism|become a (?:member|subscriber|supporter)"
    r"|werde(?:n sie)? (?:jetzt )?mitglied|jetzt mitglied werden"
    r"|please (?:consider )?(?:support|donat)|donate\b|sie sind (?:aktuell )?nicht eingeloggt|jetzt weiterlesen"
    r"|pour lire la suite|pour accéder en illimité|réservé aux abonnés|hazte (?:miembro|socio)"
    r"|contenido exclusivo para suscriptores|wesprzyj nas|ten tekst przeczytasz|unterstütze(?:n sie)?\b"
    r"|if you (?:enjoyed|like[d]?) (?:reading )?this|.{0,80}would you consider supporting)",
    _I,
)

#: Appeals for money or subscriptions that do not start the paragraph: "... keine Bezahlschranke
#: ...", "... Wesprzyj nas darowizną", "Tú también puedes hacer periodismo ... Cancela cuando quieras".
SUPPORT_ANYWHERE = re.compile(
    r"\b(?:support (?:our|independent|quality) journalism|help us (?:continue|keep)|we need your (?:help|support)"
    r"|first-time subscribers|keine bezahlschranke|brauchen wir (?:deine|ihre|eure) unterstützung"
    r"|unterstütze(?:n sie)? (?:uns|unser\w* (?:magazin|arbeit|journalismus|redaktion))\b[^.!?]{0,80}"
    r"(?:spende|beitrag|abo|einmalig|monatlich)"
    r"|zahl[’‘']? ich freiwillig|wesprzyj nas|cancela cuando quieras|(?:apoya|apoye|apóyanos|súmate)\b.{0,40}\bperiodismo"
    r"|puedes hacer periodismo|hacemos periodismo desde|soutenez (?:notre|le) journalisme)",
    _I,
)

#: Literal pieces (lower case) one of which every ``SUPPORT_ANYWHERE`` match contains.
SUPPORT_ANYWHERE_KEYS = (
    "support",
    "help us",
    "need your",
    "first-time",
    "bezahlschranke",
    "unterstütz",
    "ich freiwillig",
    "wesprzyj",
    "cancela",
    "periodismo",
    "soutenez",
)

#: Cookie notices.
COOKIE = re.compile(
    r"^(?:cookie (?:notice|policy|settings|consent)\b|we use cookies|this (?:site|website) uses cookies"
    r"|by (?:continuing to (?:browse|use)|using) (?:this|our) (?:site|website)"
    r"|wir (?:verwenden|nutzen) cookies|diese (?:website|seite) (?:verwendet|nutzt) cookies"
    r"|nous utilisons des cookies|ce site utilise des cookies|utilizamos cookies|este sitio (?:web )?utiliza cookies"
    r"|używamy (?:plików )?cookies|ta strona używa)",
    _I,
)

#: Copyright and licence footers.
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b|\balle rechte vorbehalten\b"
    r"|\btous droits réservés\b|\btodos los derechos reservados\b|\bmateriał chroniony prawem autorskim\b"
    r"|\bproudly powered by\b|^our standards\b|\bthis (?:article|material) (?:is|may not be)\b.{0,40}\b(?:copyrighted|published, broadcast)",
    _I,
)

#: Literal pieces one of which every ``COPYRIGHT`` alternative contains (lower case): a cheap
#: substring test first spares the regex on the many paragraphs that cannot match.
COPYRIGHT_KEYS = (
    "©",
    "(c)",
    "copyright",
    "rights reserved",
    "rechte vorbehalten",
    "droits réservés",
    "derechos reservados",
    "prawem autorskim",
    "powered by",
    "our standards",
    "this article",
    "this material",
)

#: Advertising labels.
ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content| post)?|anzeige|werbung|\*werbung|publicité|publicidad"
    r"|reklama|paid (?:content|post)|partner content)\s*(?:[:\-\u2013|.*]|$)",
    _I,
)

#: Photo captions and credits that say what they are: "Photo: X", "Foto: X", "Bild: X" ...
CAPTION_PREFIX = re.compile(
    r"^\(?(?:photo(?:graph)?s?(?: caption| credit)?|picture|image(?: caption| credit)?|caption|credit|foto(?:s)?|fot\."
    r"|bild(?:quelle)?|titelbild|beitragsbild|vorschaubild|symbolbild|quelle|grafik|abbildung(?: \d+)?|illustration"
    r"|image illustrative|crédits? photos?|crédit|fotografía|imagen|créditos?|zdjęcie|źródło)"
    r"\s*(?::|\||/)\s*\S|^fot\.\s+\S",
    _I,
)

#: A chart's caption without a colon: "Grafik Neuinfektionen pro Woche", "Chart showing ...".
CAPTION_CHART = re.compile(
    r"^(?:grafico|grafica|gráfico|grafik|graphique|infografik|infographic|chart|diagramm|schaubild)"
    r"\s+[^\W\d_]",
    _I,
)

#: Who-is-where markers of a photo caption: "(left)", "(second from right)", "(v.l.n.r.)". The
#: pattern starts with a literal "(" (fast to search); ``CAPTION_POSITION_NAME`` then checks that a
#: capitalised name stands right before the marker ("Mayor Jane Roe (left) ...").
CAPTION_POSITION = re.compile(
    r"\((?:\d\.\s*)?(?:left|right|centre|center|l|r|front|back|from left|second (?:from )?(?:left|right)|links"
    r"|rechts|mitte|v\.\s?l\.(?:\s?n\.\s?r\.)?|von (?:links|rechts)|izquierda|derecha|à gauche|à droite"
    r"|au centre)\)",
    _I,
)
CAPTION_POSITION_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w.'\u2019-]+\s*$")

#: A caption ending in the photographer's name or an upper-case agency: "... on Monday. (Jane Roe)",
#: "... in the harbour. By HARBOUR POLICE".
CAPTION_NAME_CREDIT = re.compile(
    r"[.!?]\s*(?:\((?:[A-Z\u00c0-\u00de][\w'\u2019.-]+\s+){1,3}[A-Z\u00c0-\u00de][\w'\u2019.-]+\)"
    r"|(?:By|Photo by|Courtesy(?: of)?)\s+[A-Z][A-Z.&'\u2019 -]{3,60})$"
)

#: Trailing credits on a caption: "... after the dam collapse. Photo: Meridian Press",
#: "... on Monday. (Harbour Post)", "(Credit: Jane Roe / Grist)", "| © Springer".
CREDIT_SUFFIX = re.compile(
    r"(?:(?:photo|foto|bild|picture|image|credit)s?\s*(?::|by)\s*[^.!?]{2,80}"
    r"|\((?:photo|foto|credit|bild|picture|image)s?\s*(?::|by)?[^()]{2,80}\)"
    r"|\|?\s*©\s*[^|.]{2,60}|(?:getty images|afp via getty images|reuters/[\w .-]+|ap photo[\w/ .-]*))\s*$",
    _I,
)

#: Literal pieces one of which every ``CREDIT_SUFFIX`` alternative contains (lower case).
CREDIT_SUFFIX_KEYS = (
    "photo",
    "foto",
    "bild",
    "picture",
    "image",
    "credit",
    "©",
    "getty images",
    "reuters/",
    "ap photo",
)


def may_contain(keys: tuple[str, ...], text: str, lowered: bool = False) -> bool:
    """Whether ``text`` holds one of ``keys`` (case-insensitively): a prefilter for a regex.

    Pass ``lowered=True`` when ``text`` is already lower case (saves a copy per test).
    """
    if not lowered:
        text = text.lower()
    return any(key in text for key in keys)


#: Reuters-style reporting and editing credits: "(Reporting by A in B; editing by C)".
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled|translated|research) by\b[^()]{2,300}\)?\.?$"
    r"|^\(?(?:mit material von|mit agenturmaterial|avec afp|con información de)\b[^()]{0,120}\)?\.?$"
    r"|^\(?[a-z]{1,5}(?:/[a-z]{1,5})*/(?:pap|dpa|afp|ap|reuters|apa|kna|epd|sda|ansa|efe)\)?$",
    _I,
)

#: A link prompt closing a short paragraph: "Alle Ergebnisse findest du hier.", "Learn more here."
#: (checked on paragraphs up to 120 characters; "Das Konzeptpapier finden Sie hier:" introduces
#: what follows and is left alone).
LINK_PROMPT = re.compile(
    r"\b(?:findest du|finden sie|findet ihr|erfährst du|erfahren sie|lesen sie|liest du)"
    r" (?:\w+ )?hier\s*[.!]?$|\b(?:find out more|read more|learn more|more information) here\s*[.!]?$",
    _I,
)

#: Literal pieces (lower case) one of which the end of every ``LINK_PROMPT`` match contains.
LINK_PROMPT_KEYS = ("hier", "here")

#: Buttons of a picture or video player: "Bild anzeigen", "View gallery", "Video verfügbar bis ...".
MEDIA_LABEL = re.compile(
    r"^(?:(?:bild|foto|video|galerie|bildergalerie|image|photo|gallery)\s+(?:anzeigen|vergrößern|schließen|öffnen"
    r"|ansehen|starten)|(?:view|enlarge|show|open|close|play)\s+(?:image|photo|video|gallery|slideshow)"
    r"|video verfügbar bis\b)",
    _I,
)

#: A file's or page's change stamp: "Created 03-10-2004 - Last Modified: 03-10-2004".
MODIFIED_STAMP = re.compile(
    r"\b(?:last modified|zuletzt (?:geändert|aktualisiert)|dernière mise à jour|última actualización)\s*:",
    _I,
)

#: Literal pieces (lower case) one of which every ``MODIFIED_STAMP`` match contains.
MODIFIED_STAMP_KEYS = ("modified", "zuletzt", "mise à jour", "actualización")

#: The end of a teaser excerpt of another article: "... [read more]", "... Weiterlesen »".
READ_MORE_SUFFIX = re.compile(
    r"(?:\[(?:read more|czytaj więcej|weiterlesen|mehr|more|leer más|lire la suite|continua a leggere)\]"
    r"|(?:read more|weiterlesen|mehr lesen|leer más|lire la suite|czytaj więcej)\s*(?:»|›|>|\u2192|\.\.\.|\u2026)?)$",
    _I,
)

#: Literal pieces (lower case) one of which the end of every ``READ_MORE_SUFFIX`` match contains.
READ_MORE_SUFFIX_KEYS = ("more", "mehr", "weiterlesen", "más", "suite", "więcej", "leggere")

#: Navigation between posts.
NAVIGATION = re.compile(
    r"^(?:previous(?: post| article)?|next(?: post| article)?|older posts?|newer posts?|back to top|zurück|weiter"
    r"|vorheriger (?:artikel|beitrag)|nächster (?:artikel|beitrag)|vorschau auf den nächsten artikel"
    r"|article précédent|article suivant|anterior|siguiente|poprzedni|następny)\s*(?::|»|«|$)"
    r"|^(?:\.\.\.|\u2026)?\s*(?:weiter zu|zurück zu|continue to|back to)\s+\S",
    _I,
)

#: Post meta lines: "Posted by admin | September 10, 2023 | 0 Comments".
POSTED_META = re.compile(
    r"^(?:posted|published|written|veröffentlicht|publié|publicado)(?: by| von| par| por| on| am| le| el)?\b"
    r".{0,80}(?:\|.{0,60}){1,}$|\|\s*(?:\d+\s+|view\s+|no\s+)?comments?\s*$"
    r"|^(?:categor(?:y|ies)|kategorien?|tags?|schlagw(?:ö|o)rte?|filed under|posted in|rubrik"
    r"|(?:news |release )?date)\s*:",
    _I,
)

_MONTHS = (
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?"
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)

#: A paragraph that is only a date and/or a clock time (a timestamp left by the page template).
TIMESTAMP_ONLY = re.compile(
    r"^(?:(?:last )?(?:updated|modified|published|aktualisiert|stand|letzte änderung|veröffentlicht|mis à jour)"
    r"(?: am| on| le)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\w*,?\s*)?"
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\.?\s+(?:" + _MONTHS + r")\.?,?\s+\d{4}"
    r"|(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?)?"
    r"(?:,?\s*(?:at|um|à|a las)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h))?)?\.?\s*$",
    _I,
)

#: Affiliate and advertising disclosures (checked on paragraphs up to ``DISCLOSURE_MAX_CHARS``).
DISCLOSURE = re.compile(
    r"\baffiliate[- ]links?\b|\bwe (?:may )?(?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)"
    r"|\badvertisers do not influence\b|\bcontains (?:references to products|affiliate)|\bprovisions-?links?\b"
    r"|\b(?:wir )?erhalten (?:wir )?(?:eine )?provision\b|\bgeld erhalten wir\b|\bsponsored by\b"
    r"|\b(?:dieser|der) (?:beitrag|artikel|text) (?:ist|entstand|wurde) (?:in|mit) (?:freundlicher )?"
    r"(?:kooperation|unterstützung)",
    _I,
)

#: Literal pieces (lower case) one of which every ``DISCLOSURE`` match contains.
DISCLOSURE_KEYS = (
    "affiliate",
    "receive",
    "earn",
    "advertisers",
    "contains",
    "provision",
    "geld erhalten",
    "sponsored by",
    "kooperation",
    "unterstützung",
)
DISCLOSURE_MAX_CHARS = 700

#: Subscription offers that do not start the paragraph ("... in your inbox", "RSS-Feed abonnieren").
SUBSCRIBE_ANYWHERE = re.compile(
    r"\b(?:sign up here|subscribe here|in (?:your|deinen|ihren) (?:inbox|posteingang|postfach)|rss-feed abonnieren"
    r"|(?:our|unseren|unserem|unser|nuestra|nuestro|notre|la nostra|nossa) [\w-]{0,20}newsletter\b"
    r"|nuestro canal de|únete desde|s[ií]guenos (?:en|por)\b"
    r"|\bjetzt\b[^.!?]{0,40}\b(?:im abo|als e-paper|am kiosk|bahnhofskiosk)\b"
    r"|\b(?:im abo|als e-paper|am kiosk|bahnhofskiosk)\b[^.!?]{0,80}\b(?:erhältlich|bestellen|abonnieren)\b"
    r"|\b(?:erhalte|erhalten sie|sichern sie sich|get|receive) exklusive angebote\b"
    r"|\b(?:get|receive|unlock) exclusive (?:offers|deals)\b"
    r"|(?:by|with) (?:signing up|registering|subscribing),? you (?:agree|accept)|mit der registrierung akzeptieren sie)",
    _I,
)

#: Literal pieces (lower case) one of which every ``SUBSCRIBE_ANYWHERE`` match contains.
SUBSCRIBE_ANYWHERE_KEYS = (
    "sign up here",
    "subscribe here",
    "inbox",
    "posteingang",
    "postfach",
    "rss-feed",
    "newsletter",
    "nuestro canal",
    "únete desde",
    "signing up",
    "registering",
    "subscribing",
    "registrierung",
    "guenos",
    "im abo",
    "e-paper",
    "kiosk",
    "exklusive angebote",
    "exclusive offers",
    "exclusive deals",
)

#: Legal small print: "(Alle Angaben ohne Gewähr)", "Unless otherwise noted, content is licensed ...".
LEGAL_NOTE = re.compile(
    r"^\(?(?:alle )?angaben ohne gewähr\b|^(?:sofern nicht anders|soweit nicht anders|unless otherwise) "
    r"(?:ausgewiesen|angegeben|vermerkt|gekennzeichnet|noted|stated|indicated)",
    _I,
)

#: A word mixing Latin and Cyrillic letters ("Аdvеrtіѕе" with Cyrillic А, е, і, ѕ): look-alike
#: letters are how ad and spam blocks dodge filters; real words keep to one script.
MIXED_SCRIPT_WORD = re.compile(
    r"[A-Za-z]+[\u0400-\u04ff]+[A-Za-z\u0400-\u04ff]*|[\u0400-\u04ff]+[A-Za-z]+[A-Za-z\u0400-\u04ff]*"
)

#: Contact lines of a press release or imprint: "Telefon: +49 ...", "E-Mail: press@...".
CONTACT = re.compile(r"^(?:tel(?:efon|ephone)?|phone|fax|e-?mail|mail)\s*[.:]\s*[+\d(\w]", _I)
