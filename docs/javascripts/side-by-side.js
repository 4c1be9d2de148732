// Side by side (the contract_side_by_side and side_by_side_pickers macros): each row
// holds every framework's code in one column; this copies it into a second column and
// shows, in each column, the framework picked above. Without JavaScript the pickers
// stay hidden and each row shows every framework's code, one after another.
function secondColumn(column) {
  const copy = column.cloneNode(true);
  // Ids stay unique, and each copy button copies its own block.
  copy.querySelectorAll("[id]").forEach((element) => { element.id += "-right"; });
  copy.querySelectorAll("[data-clipboard-target]").forEach((button) => {
    const target = button.dataset.clipboardTarget.replace(/^#([^ ]+)/, "#$1-right");
    button.dataset.clipboardTarget = target;
  });
  // Material makes its code blocks focusable (they scroll); the copies are made later.
  copy.querySelectorAll("pre > code").forEach((code) => { code.tabIndex = 0; });
  return copy;
}

function setUpSideBySide() {
  const rows = [...document.querySelectorAll("[data-side-by-side]")];
  const pickers = document.querySelector(".side-by-side-pickers");
  if (!rows.length || !pickers) return;
  rows.forEach((row) => row.append(secondColumn(row.firstElementChild)));
  pickers.querySelectorAll("select").forEach((select) => {
    const show = () => {
      rows.forEach((row) => {
        const column = row.children[Number(select.dataset.column)];
        column.querySelectorAll(":scope > [data-framework]").forEach((block) => {
          block.hidden = block.dataset.framework !== select.value;
        });
      });
    };
    select.addEventListener("change", show);
    show();
  });
  pickers.hidden = false;
}

// Material's document$ announces every page, instant navigation included.
if (typeof document$ !== "undefined") {
  document$.subscribe(setUpSideBySide);
} else {
  setUpSideBySide();
}
