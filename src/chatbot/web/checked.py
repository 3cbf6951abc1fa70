"""`CheckedAnswers`: the engine's answers to questions asked without history, kept per
state of the documents, for checks the page repeats (a suggested question is asked to
the engine before it is shown, and the same candidates come up under the same answers
in every session).

    checked = CheckedAnswers(engine.ask, page.documents_key, size=512)
    checked("智谱的IPO估值是多少？")      # Answer; asked once per documents state

An answer is reused only while the documents are unchanged (`key()` is the same): any
document added, replaced or removed asks again. Oldest entries go first past `size`."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from chatbot.models import Answer


class CheckedAnswers:
    def __init__(self, ask: Callable[[str], Answer], key: Callable[[], Hashable], size: int):
        self._ask, self._key, self.size = ask, key, size
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __call__(self, question: str) -> Answer:
        k = (self._key(), question)
        with self._lock:
            answer = self._answers.get(k)
            if answer is not None:
                self._answers.move_to_end(k)
                self.hits += 1
                return answer
            self.misses += 1
        answer = self._ask(question)  # outside the lock: sessions check in parallel
        with self._lock:
            self._answers[k] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
