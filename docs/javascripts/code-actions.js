// Material wraps the buttons of every code block (copy, select) in an unnamed <nav>: a
// page with many code blocks then has many identical navigation landmarks, which screen
// reader users skim by (axe: landmark-unique). The buttons are a toolbar of their block,
// not a place to navigate to, so the wrapper is given no landmark role.
new MutationObserver(() => {
  document.querySelectorAll("nav.md-code__nav:not([role])").forEach((nav) => {
    nav.setAttribute("role", "none");
  });
}).observe(document.documentElement, { childList: true, subtree: true });
