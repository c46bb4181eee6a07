"""A bounded thread pool for synchronous translation calls, with a deadline per call."""

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.errors import ProviderError, ProviderTimeout

T = TypeVar("T")


class WorkerPool:
    """Runs blocking calls in at most ``max_workers`` threads without blocking the event loop.

    The timeout of ``run`` counts from submission, so time spent queued behind busy workers is
    part of it. The job receives the seconds left when it starts and must bound its own I/O by
    them: a thread cannot be stopped, and one that ``wait_for`` gave up on would otherwise keep
    its worker busy.
    """

    def __init__(self, max_workers: int, *, name: str = "pifa-translate") -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.max_workers = max_workers
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix=name)

    async def run(self, job: Callable[[float], T], *, timeout: float) -> T:
        """Run ``job(seconds_left)`` in a worker; raise ``ProviderTimeout`` after ``timeout``."""
        deadline = time.monotonic() + timeout

        def start() -> T:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ProviderTimeout("no free worker in time")
            return job(remaining)

        try:
            future = self._executor.submit(start)
        except RuntimeError as exc:
            raise ProviderError("translator is closed") from exc
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError as exc:
            # Drops the job if it is still queued; a running one ends by its own HTTP timeout.
            future.cancel()
            raise ProviderTimeout(f"no answer in {timeout:.1f} s") from exc

    def close(self) -> None:
        """Stop accepting jobs and drop queued ones, without waiting for running ones."""
        self._executor.shutdown(wait=False, cancel_futures=True)
