"""Checks for uploaded files before they reach ingestion: a safe name inside the upload
folder, a supported type, a size within the limit."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from chatbot.errors import UploadError

UPLOAD_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")


def safe_upload_name(name: str) -> str:
    """A file name that is safe to create inside the upload folder: the last path
    component only (either separator), letters/digits (CJK included) and `-_.` kept,
    no leading dots, at most 120 characters. Raises UploadError when nothing is left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", str(name or "")))[-1]
    base = "".join(ch if (ch.isalnum() or ch in "-_.") else "_" for ch in base)
    base = re.sub(r"_+", "_", base).strip("._ ")
    stem, dot, suffix = base.rpartition(".")
    if dot and len(stem) > 100:
        base = f"{stem[:100]}.{suffix[:10]}"
    base = base[:120]
    if not base:
        raise UploadError("文件名无效")
    return base


def check_upload(path: str | Path, max_mb: float, original_name: str | None = None) -> str:
    """Validates an uploaded file (type by suffix, size) and returns its safe name."""
    path = Path(path)
    name = safe_upload_name(original_name or path.name)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadError(f"不支持的文件类型{('「' + suffix + '」') if suffix else ''}，"
                          f"只接受 {'、'.join(s.lstrip('.') for s in UPLOAD_SUFFIXES)}")
    if not path.is_file():
        raise UploadError("上传的文件不存在")
    size = path.stat().st_size
    if size == 0:
        raise UploadError("文件是空的")
    if size > max_mb * 1024 * 1024:
        raise UploadError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限 {max_mb:g} MB")
    return name


def save_upload(path: str | Path, upload_dir: str | Path, max_mb: float, original_name: str | None = None) -> Path:
    """Copies a validated upload into `upload_dir` under its sanitised name."""
    name = check_upload(path, max_mb, original_name)
    folder = Path(upload_dir).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    dest = (folder / name).resolve()
    if dest.parent != folder:  # belt and braces: the name has no separators left
        raise UploadError("文件名无效")
    shutil.copyfile(path, dest)
    return dest
