"""The ASGI application (`uvicorn app.main:app`), reading the database named by DATABASE_URL.

Everything made by the time the app exists (the modules, the app and its routes: about 100,000
objects) lives as long as the process, so it is moved out of the cyclic collector's reach
(gc.freeze). Why: a full collection walks every tracked object, and the first big requests of a
fresh process set one off. On the 10,000-article database two of them (83 and 97 ms over 140,000
objects) fell within the calculator's first three profiles; the frozen ones are never walked again.
Refcounting still frees them; only a cycle among them would never be collected, and these are
never discarded anyway.
"""

import gc

from app.web.factory import create_app

app = create_app()

gc.collect()
gc.freeze()
