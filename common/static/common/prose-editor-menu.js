// The rich-text editor's toolbar with its tooltips in the admin's language.
//
// django-prose-editor writes its buttons' tooltips in English ("italic", "insert link") without
// passing them through gettext. Once the toolbar is built, each tooltip is looked up in Django's
// JavaScript catalog (the admin's jsi18n, which holds locale/zh_Hans/LC_MESSAGES/djangojs.po),
// as the editor itself does with the words it translates. common/richtext.py puts this menu in
// place of the editor's own (DJANGO_PROSE_EDITOR_EXTENSIONS in the settings loads this module).
import { gettext, Menu } from "django-prose-editor/editor"

export const TranslatedMenu = Menu.extend({
  onCreate(props) {
    this.parent?.(props)
    for (const button of this.storage.dom?.querySelectorAll("[title]") ?? []) {
      const title = gettext(button.title)
      button.title = title
      button.setAttribute("aria-label", title)
    }
  },
})
