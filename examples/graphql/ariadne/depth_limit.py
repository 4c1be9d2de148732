"""A graphql-core validation rule: refuse operations nested deeper than a limit."""

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)


def depth_limit(max_depth: int) -> type[ValidationRule]:
    """Top-level fields are depth 0, as in Strawberry's QueryDepthLimiter; introspection
    fields (``__schema``, ``__typename``...) do not count, so GraphiQL keeps working.
    Use it on queries that passed graphql-core's own rules: every fragment it meets then
    exists, and none contains itself."""

    class DepthLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args) -> None:
            depth = self.depth(node.selection_set, 0)
            if depth > max_depth:
                name = node.name.value if node.name else "anonymous"
                self.report_error(
                    GraphQLError(f"'{name}' exceeds maximum operation depth of {max_depth}", node)
                )

        def depth(self, selections: SelectionSetNode, level: int) -> int:
            deepest = level
            for selection in selections.selections:
                if isinstance(selection, FieldNode):
                    if selection.selection_set and not selection.name.value.startswith("__"):
                        deepest = max(deepest, self.depth(selection.selection_set, level + 1))
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = self.context.get_fragment(selection.name.value)
                    deepest = max(deepest, self.depth(fragment.selection_set, level))
                else:  # an inline fragment: `... on Book { title }`
                    deepest = max(deepest, self.depth(selection.selection_set, level))
            return deepest

    return DepthLimit
