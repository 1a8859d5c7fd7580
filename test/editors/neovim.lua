-- Driven by test/editors/neovim.test.ts: Neovim's own LSP client (0.7 and
-- later) starts dist/server.js over stdio, opens the file named by
-- APACHE_SSL_FILE, and writes what it got (diagnostics, a hover, the code
-- action titles) as JSON to APACHE_SSL_OUT. The API used is the one 0.7 has.
local out = os.getenv('APACHE_SSL_OUT')
local file = os.getenv('APACHE_SSL_FILE')
local server = os.getenv('APACHE_SSL_SERVER')
local hover_line = tonumber(os.getenv('APACHE_SSL_HOVER_LINE'))
local hover_character = tonumber(os.getenv('APACHE_SSL_HOVER_CHARACTER'))

local function finish(result)
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.bo.filetype = 'apache'
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'apache-ssl',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  assert(client_id, 'the client did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, { line = d.lnum, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message, severity = d.severity })
  end
  local position = { line = hover_line, character = hover_character }
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = position }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then
      local contents = response.result.contents
      hover_text = type(contents) == 'table' and (contents.value or vim.fn.json_encode(contents)) or contents
    end
  end
  -- The code action context carries the line's diagnostics back in LSP form (what Neovim's own code_action() does).
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = hover_line })) do
    local original = (d.user_data and d.user_data.lsp) or {}
    table.insert(lsp_diagnostics, {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      message = d.message,
      severity = d.severity,
      source = d.source,
      code = original.code or d.code,
      data = original.data,
    })
  end
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(),
    range = { start = position, ['end'] = position },
    context = { diagnostics = lsp_diagnostics },
  }, 10000)
  local titles = {}
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(titles, action.title) end
  end
  finish({ waited = got, diagnostics = diagnostics, hover = hover_text, actions = titles })
end)
if not ok then finish({ error = tostring(err) }) end
