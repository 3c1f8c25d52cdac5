//! End to end: headless Neovim, with its built-in LSP client set up by the
//! configuration that `docs/editors.md` documents (its first Lua snippet,
//! read from the file, with the path of the `plc` under test), drives
//! `plc lsp` on a small workspace. Neovim (Debian's `neovim`, 0.7) is
//! installed by `cargo xtask ci`; without `nvim` on the PATH this test fails.

use std::path::Path;
use std::process::Command;

mod editor_workspace;
use editor_workspace::MAIN;

/// 1-based line and 0-based byte column of `needle` in `text`, plus `delta` columns.
fn cursor(text: &str, needle: &str, delta: usize) -> (usize, usize) {
    let at = text.find(needle).expect("needle") + delta;
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, col)
}

const SCRIPT: &str = r#"
local root, plc, out_path = ROOT, PLC, OUT
local out = {}
local function log(s) table.insert(out, s) end
local function finish()
  local f = io.open(out_path, "w")
  f:write(table.concat(out, "\n") .. "\n")
  f:close()
  vim.cmd("qa!")
end
local ok, err = pcall(function()
  -- keep buffers loaded (and attached) when switching files
  vim.o.hidden = true
  -- 1. the diagnostic of a broken file; opening it starts the server
  vim.cmd("edit " .. root .. "/broken.ph")
  local broken = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return #vim.lsp.get_active_clients() > 0 end, 20)
  local client = vim.lsp.get_active_clients()[1]
  local id = client.id
  log("client " .. client.name .. " root " .. (client.config.root_dir == root and "found" or client.config.root_dir))
  vim.wait(10000, function() return #vim.diagnostic.get(broken) > 0 end, 20)
  for _, d in ipairs(vim.diagnostic.get(broken)) do
    log("diagnostic " .. d.lnum .. ":" .. d.col .. " " .. tostring(d.code) .. " " .. d.message:gsub("\n.*", ""))
  end
  -- 2. hover
  vim.cmd("edit " .. root .. "/main.ph")
  local main = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return vim.lsp.buf_is_attached(main, id) and vim.lsp.get_client_by_id(id).initialized end, 20)
  vim.api.nvim_win_set_cursor(0, AREA)
  local params = vim.lsp.util.make_position_params()
  local res = vim.lsp.buf_request_sync(main, "textDocument/hover", params, 10000)
  for _, r in pairs(res or {}) do
    if r.result then log("hover " .. r.result.contents.value:gsub("\n", " | ")) end
  end
  -- 3. go to definition in another file
  vim.lsp.buf.definition()
  vim.wait(10000, function() return vim.api.nvim_buf_get_name(0):match("shape%.ph$") ~= nil end, 20)
  local pos = vim.api.nvim_win_get_cursor(0)
  log("definition " .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ":t") .. " " .. pos[1] .. ":" .. pos[2])
  -- 4. complete a member
  vim.cmd("buffer " .. main)
  vim.api.nvim_buf_set_lines(main, MEMBER_LINE - 1, MEMBER_LINE - 1, false, { "        s.ar" })
  -- (normal mode: the cursor stands on the `r`, completion asks between `a` and `r`)
  vim.api.nvim_win_set_cursor(0, { MEMBER_LINE, 11 })
  -- Neovim sends the change after its own debounce
  vim.wait(1500, function() return false end, 50)
  params = vim.lsp.util.make_position_params()
  res = vim.lsp.buf_request_sync(main, "textDocument/completion", params, 10000)
  for _, r in pairs(res or {}) do
    if os.getenv("LSP_DEBUG") then log(vim.inspect(r):sub(1, 300)) end
    for _, item in ipairs(r.result or {}) do
      if item.label == "area" then log("completion " .. item.label .. " " .. (item.detail or "")) end
    end
  end
  vim.api.nvim_buf_set_lines(main, MEMBER_LINE - 1, MEMBER_LINE, false, {})
  -- 5. rename a method
  vim.api.nvim_win_set_cursor(0, AREA)
  vim.lsp.buf.rename("surface")
  local shape_buf
  vim.wait(10000, function()
    shape_buf = vim.fn.bufnr(root .. "/shape.ph")
    return shape_buf ~= -1 and table.concat(vim.api.nvim_buf_get_lines(shape_buf, 0, -1, false), "\n"):match("surface") ~= nil
  end, 20)
  for _, l in ipairs(vim.api.nvim_buf_get_lines(main, 0, -1, false)) do
    if l:match("surface") then log("renamed main.ph:" .. l) end
  end
  for _, l in ipairs(vim.api.nvim_buf_get_lines(shape_buf, 0, -1, false)) do
    if l:match("surface") then log("renamed shape.ph:" .. l) end
  end
  log("clients " .. #vim.lsp.get_active_clients())
end)
if not ok then log("error " .. tostring(err)) end
finish()
"#;

/// The documented Neovim configuration: the first Lua block after the
/// Neovim heading of `docs/editors.md`, running the `plc` under test.
fn documented_config() -> String {
    editor_workspace::documented_config(
        "## Neovim",
        "lua",
        r#"cmd = { "plc", "lsp" }"#,
        &format!("cmd = {{ {:?}, \"lsp\" }}", env!("CARGO_BIN_EXE_plc")),
    )
}

#[test]
fn neovim_reports_diagnostics_hover_definition_completion_and_rename() {
    let nvim = Command::new("nvim").arg("--version").output();
    assert!(
        nvim.is_ok_and(|o| o.status.success()),
        "this test needs Neovim: `apt-get install neovim` (cargo xtask ci installs it)"
    );
    let root = editor_workspace::workspace("neovim");
    let out = root.join("report.txt");
    let (al, ac) = cursor(MAIN, "s.area", 2);
    let member_line = cursor(MAIN, "    }\n};", 0).0;
    let lua = |s: &Path| format!("{:?}", s.display().to_string());
    let script = documented_config()
        + &SCRIPT
            .replace("ROOT", &lua(&root))
            .replace("PLC", &format!("{:?}", env!("CARGO_BIN_EXE_plc")))
            .replace("OUT", &lua(&out))
            .replace("AREA", &format!("{{ {al}, {ac} }}"))
            .replace("MEMBER_LINE", &member_line.to_string());
    let script_path = root.join("test.lua");
    std::fs::write(&script_path, script).unwrap();
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .arg("-c")
        .arg(format!("luafile {}", script_path.display()))
        .current_dir(std::env::temp_dir())
        .env("HOME", &root)
        .status()
        .expect("nvim runs");
    assert!(status.success());
    let report = std::fs::read_to_string(&out).expect("Neovim wrote its report");
    let _ = std::fs::remove_dir_all(&root);
    let expected = [
        "client plc root found",
        "diagnostic 7:12 E0400 cannot find `nope` in this method",
        "hover ```phantom | int area() [16] | ``` | method of `.demo.shape`, ordinal 16",
        "definition shape.ph 6:8",
        "completion area int area() [16]",
        "renamed main.ph:        n = s.surface() + 1;",
        "renamed shape.ph:    int surface() [16]",
        "clients 1",
    ];
    let got: Vec<&str> = report.lines().collect();
    assert_eq!(got, expected, "Neovim reported:\n{report}");
}
