"""Start and stop an Application exactly as ``run_polling`` does, without owning the loop.

Tests and benchmarks drive the real Application inside their own event loop; ``post_init`` only
runs under ``run_polling``/``run_webhook``, so this mirrors their order: initialize, post_init,
start polling, start; and on the way out: stop polling, stop, post_stop, shutdown,
post_shutdown.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

AnyApp = Application[Any, Any, Any, Any, Any, Any]


async def start(app: AnyApp, *, poll_timeout: float = 10) -> None:
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(timeout=int(poll_timeout), drop_pending_updates=False)
    await app.start()


async def stop(app: AnyApp) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
