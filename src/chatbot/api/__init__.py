"""The HTTP API served beside the web chat, in the same process (`chatbot serve`).

    app.py            create_app(engine): FastAPI with the routes below, the chat mounted at /;
                      serve(engine, host, port) runs it with uvicorn
    rest.py           /api/v1: ask, documents (list, add a file or URL, remove)
    openai_compat.py  /v1: chat/completions (plain and SSE) and models, for the openai SDK
    service.py        what the routes call: the engine on worker threads, document changes
                      through the chat's ChatUI (same checks), one at a time
    auth.py           the chat's login or a bearer token; write routes need the token
    limits.py         413 for bodies over the limit
    schemas.py        request and response models (listed at /docs)
The error classes (ApiError and its subclasses) and error_body are in chatbot.errors.
"""

from chatbot.api.app import create_app, serve

__all__ = ["create_app", "serve"]
