"""``{% remembered %}``: a part of a readers' page rendered once per content change."""

from django import template
from django.utils.safestring import SafeString

from readers.caching import remember

register = template.Library()


class RememberedNode(template.Node):
    def __init__(self, nodelist: template.NodeList, parts: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: template.Context) -> SafeString:
        name = " ".join(str(part.resolve(context)) for part in self.parts)
        request = context.get("request")
        return remember(request, f"block {name}", lambda: self.nodelist.render(context))


@register.tag
def remembered(parser: template.base.Parser, token: template.base.Token) -> RememberedNode:
    """``{% remembered "name" value ... %}…{% endremembered %}``

    The enclosed part is rendered once and kept, for anonymous readers, until readers'
    content next changes (``readers.caching.remember``), like Django's ``{% cache %}``
    but without a timeout to guess or a cache server to ask. The name and the values must
    say everything the part depends on besides the content: the story, the page number.
    """
    parts = token.split_contents()[1:]
    if not parts:
        raise template.TemplateSyntaxError("{% remembered %} needs a name.")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(nodelist, [parser.compile_filter(part) for part in parts])
