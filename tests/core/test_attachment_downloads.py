"""Attachments downloaded to be opened: private copies (0600 in 0700 folders), under names the file system takes."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from tests.helpers.conversation_support import conversation_env, wait_signal
from tests.helpers.file_modes import mode
from unipile_desktop.core.attachment_downloads import cache_folder_name
from unipile_desktop.paths import downloads_dir
from unipile_desktop.sandbox import SandboxServer


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows keeps a per-user ACL")
@pytest.mark.asyncio
@pytest.mark.usefixtures("usual_umask")
async def test_a_copy_to_open_is_private(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["file"]
        row = next(r for r in env.message_rows() if r.message_id == message_id)
        ready = asyncio.ensure_future(wait_signal(env.controller.attachment_ready))
        await asyncio.sleep(0)
        env.controller.open_attachment(message_id, row.attachments[0].id, "notes.pdf")
        (path,) = await ready
        opened = Path(path)
        assert mode(opened) == 0o600
        assert mode(opened.parent) == 0o700
        assert mode(downloads_dir()) == 0o700


@pytest.mark.asyncio
async def test_a_long_chinese_name_is_downloaded_and_handed_over(sandbox: SandboxServer) -> None:
    """180 Chinese characters were 532 bytes: the file could be neither written nor opened."""
    name = "季度财务报告和客户合同附件" * 14 + ".pdf"
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["file"]
        row = next(r for r in env.message_rows() if r.message_id == message_id)
        errors: list[str] = []
        env.controller.error_occurred.connect(lambda sentence, _exc: errors.append(sentence))
        ready = asyncio.ensure_future(wait_signal(env.controller.attachment_ready))
        await asyncio.sleep(0)
        env.controller.open_attachment(message_id, row.attachments[0].id, name)
        (path,) = await ready
        opened = Path(path)
        assert errors == []
        assert opened.is_file() and opened.suffix == ".pdf"
        assert len(opened.name.encode("utf-8")) <= 240


def test_long_ids_get_a_short_distinct_folder() -> None:
    long_id = "A" * 300
    first, second = cache_folder_name(long_id, "att-1"), cache_folder_name(long_id, "att-2")
    assert first != second and len(first) <= 64 and len(second) <= 64
    assert cache_folder_name("msg", "att") == "msg-att"
