"""The Gradio web chat (`chatbot serve`): presentation only.

ui.py       ChatUI: the chat's behaviour as plain methods over the engine (no Gradio)
page.py     AnalysisPage: the reader view, suggestions and export (no Gradio)
checked.py  CheckedAnswers: the answers that check suggested questions, kept per documents state
reader.py   a stored document as the reader's HTML, the cited sentence marked
export.py   the conversation as Markdown
render.py   HTML for questions, answers (figure badges, suggestions), sources and messages
uploads.py  upload checks: safe names, types, sizes
blocks.py   the gr.Blocks page wired to a ChatUI and an AnalysisPage; static/ holds its
style sheets and the click handling (page.js, scroll.js)
server.py   build_app(engine) and launch(engine): host, port, login, concurrency

from chatbot.web import build_app, launch
build_app(engine).launch(server_name="127.0.0.1", server_port=7860)
launch(engine)                 # host/port/login/concurrency from settings.web
"""

from chatbot.followup import message_text, normalise_history
from chatbot.web.blocks import build_blocks, chat_panel
from chatbot.web.page import AnalysisPage
from chatbot.web.render import format_answer, format_question, format_sources, highlight_quote
from chatbot.web.server import build_app, launch, login_from_env
from chatbot.web.ui import ChatUI, ChatUpdate, IngestOutcome, RemoveOutcome, answer_payload
from chatbot.web.uploads import UPLOAD_SUFFIXES, UploadError, check_upload, safe_upload_name, save_upload

__all__ = [
    "UPLOAD_SUFFIXES",
    "AnalysisPage",
    "ChatUI",
    "ChatUpdate",
    "IngestOutcome",
    "RemoveOutcome",
    "UploadError",
    "answer_payload",
    "build_app",
    "build_blocks",
    "chat_panel",
    "check_upload",
    "format_answer",
    "format_question",
    "format_sources",
    "highlight_quote",
    "launch",
    "login_from_env",
    "message_text",
    "normalise_history",
    "safe_upload_name",
    "save_upload",
]
