// Names for what Django's admin scripts build in the browser, so screen readers can say them.
//
// The autocomplete boxes (select2) are made by a script once the page has loaded, on each row an
// inline adds, and when a box opens; one observer of the page names each as it appears. Loaded on
// every admin page by templates/admin/base_site.html.
"use strict"
{
  // What the field is called: its <label>, or the name our inlines give a cell's input
  // (common.admin.TabularInline).
  function fieldName(select) {
    if (!select) return ""
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`)
    const text = label ? label.textContent : select.getAttribute("aria-label") || ""
    return text.trim().replace(/[:：]$/, "")
  }

  function setName(element, name) {
    if (name && element.getAttribute("aria-label") !== name) {
      element.setAttribute("aria-label", name)
    }
  }

  // select2 puts its box right after the <select> it replaces. The single box is named by the
  // text of the chosen record, empty until one is chosen; naming that text names the box, and
  // the chosen record stays its value. The multiple box and its search input have no name.
  function nameSelect2(container) {
    const select = container.previousElementSibling
    if (!select || select.tagName !== "SELECT") return
    const name = fieldName(select)
    const rendered = container.querySelector(".select2-selection__rendered[role=textbox]")
    setName(rendered || container.querySelector(".select2-selection"), name)
    for (const search of container.querySelectorAll(".select2-search__field")) {
      setName(search, name)
    }
  }

  // An open box owns its list (aria-owns) but ARIA 1.2 asks a combobox to say it controls it;
  // the search input of the open list is named after the field its aria-controls points to.
  function nameOpenBox(element) {
    if (element.matches(".select2-selection[role=combobox]")) {
      const list = element.getAttribute("aria-owns")
      if (element.getAttribute("aria-expanded") === "true" && list) {
        if (element.getAttribute("aria-controls") !== list) element.setAttribute("aria-controls", list)
      } else if (element.hasAttribute("aria-controls")) {
        element.removeAttribute("aria-controls")
      }
    } else if (element.matches(".select2-search--dropdown .select2-search__field")) {
      const list = element.getAttribute("aria-controls") || ""
      const id = list.replace(/^select2-/, "").replace(/-results$/, "")
      setName(element, fieldName(document.getElementById(id)))
    }
  }

  // The "×" that clears a box is for the mouse (the keyboard clears with Backspace), and in the
  // multiple box select2 puts it straight inside the list of choices, where only items belong.
  function hideClearButton(clear) {
    clear.setAttribute("aria-hidden", "true")
  }

  // Django copies a new inline row from its template row but leaves "__prefix__" in the ids its
  // help texts are described by.
  function numberDescriptions(row) {
    const number = /-(\d+)$/.exec(row.id || "")
    if (!number) return
    for (const input of row.querySelectorAll("[aria-describedby*=__prefix__]")) {
      const ids = input.getAttribute("aria-describedby").replaceAll("__prefix__", number[1])
      input.setAttribute("aria-describedby", ids)
    }
  }

  function nameWithin(root) {
    if (!(root instanceof Element)) return
    const all = (selector) => [
      ...(root.matches(selector) ? [root] : []),
      ...root.querySelectorAll(selector),
    ]
    all(".select2-container").forEach(nameSelect2)
    all(".select2-selection[role=combobox], .select2-search__field").forEach(nameOpenBox)
    all(".select2-selection__clear").forEach(hideClearButton)
  }

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "attributes") {
        nameOpenBox(mutation.target)
      } else {
        mutation.addedNodes.forEach(nameWithin)
      }
    }
  })

  function start() {
    nameWithin(document.body)
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-expanded", "aria-controls"],
    })
    document.addEventListener("formset:added", (event) => numberDescriptions(event.target))
  }

  if (document.body) {
    start()
  } else {
    document.addEventListener("DOMContentLoaded", start)
  }
}
