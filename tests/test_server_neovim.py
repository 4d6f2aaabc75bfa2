"""End to end with a real editor: headless Neovim starts `dlint server`, opens a
Dockerfile and writes the diagnostics it received to a file. Skipped without `nvim`
(`.ci/run` installs Debian's neovim when it can); nothing is installed here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim (Neovim) is not installed: `apt-get install neovim` to run this test")

#: Neovim 0.7 (Debian's) has vim.lsp.start_client; later versions have it too
SCRIPT = r"""
local out = vim.env.DLINT_OUT
local cmd = vim.fn.json_decode(vim.env.DLINT_CMD)
local done = false
local function write(result)
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
end
local client_id = vim.lsp.start_client({
  name = "dlint",
  cmd = cmd,
  root_dir = vim.env.DLINT_ROOT,
  init_options = { debounce = 0 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      if result and #result.diagnostics > 0 and not done then
        done = true
        write(result)
      end
    end,
  },
})
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.DLINT_FILE))
vim.lsp.buf_attach_client(0, client_id)
vim.wait(20000, function() return done end, 50)
if not done then write({ error = "no diagnostics" }) end
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
"""


def test_neovim_receives_diagnostics(tmp_path: Path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM python:3.12\nRUN apt-get install curl\n")
    script = tmp_path / "dlint.lua"
    script.write_text(SCRIPT)
    out = tmp_path / "diagnostics.json"
    environment = {
        "DLINT_OUT": str(out), "DLINT_FILE": str(dockerfile), "DLINT_ROOT": str(tmp_path),
        "DLINT_CMD": json.dumps([sys.executable, "-m", "dlint", "server"]),
        "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    subprocess.run([NVIM, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {script}"],
                   env=environment, cwd=tmp_path, timeout=60, check=False, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert out.exists(), "Neovim wrote no result"
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["uri"] == dockerfile.as_uri()
    by_code = {item["code"]: item for item in result["diagnostics"]}
    assert {"DL3014", "DL3008"} <= by_code.keys()
    assert by_code["DL3014"]["range"] == {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 11}}
    assert by_code["DL3014"]["source"] == "dlint"
