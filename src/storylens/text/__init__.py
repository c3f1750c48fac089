"""Text processing shared by every stage: cleaning, sentence segmentation, language id."""
