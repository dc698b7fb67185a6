// Copy buttons of the citation box (served as a file: the CSP allows no inline script).
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy'));
  const status = document.getElementById('copy-status');
  if (!source) return;
  const text = source.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    if (status) status.textContent = '已复制到剪贴板。';
  } catch {
    // Without clipboard permission (plain http, old browsers), select the text for Ctrl+C instead.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    if (status) status.textContent = '已选中文字，请按 Ctrl+C 复制。';
  }
});
