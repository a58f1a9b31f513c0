// The rich-text editor named after its field, as the <textarea> it replaces was.
//
// django-prose-editor hides the textarea its <label> points to and edits in a contenteditable
// box (role "textbox") with no name of its own, so a screen reader announced an unnamed text box.
// ProseMirror merges the attributes every plugin gives the box. common/richtext.py turns this
// on for every rich-text field (DJANGO_PROSE_EDITOR_EXTENSIONS in the settings loads it).
import { Extension, Plugin } from "django-prose-editor/editor"

function fieldName(textarea) {
  if (!textarea) return ""
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
  const text = label ? label.textContent : textarea.getAttribute("aria-label") || ""
  return text.trim().replace(/[:：]$/, "")
}

export const FieldLabel = Extension.create({
  name: "fieldLabel",

  addProseMirrorPlugins() {
    const name = fieldName(this.editor.options.element?.querySelector("textarea"))
    const attributes = { "aria-multiline": "true", ...(name ? { "aria-label": name } : {}) }
    return [new Plugin({ props: { attributes } })]
  },
})
