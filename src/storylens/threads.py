"""One BLAS thread per worker process.

numpy's OpenBLAS starts a thread per core in every process. storylens already runs one worker
process per core (parse workers, story workers), so each worker's BLAS threads only compete with
the other workers for the same two cores: parsing 300 Timeline17 articles on two forked workers
ran at 11.5-12.0 articles/s with the default and 12.8-13.8 with one BLAS thread per worker.
"""

from __future__ import annotations

__all__ = ["one_blas_thread"]


def one_blas_thread() -> None:
    """Limit this process's BLAS and OpenMP pools to one thread (for worker initialisers)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
