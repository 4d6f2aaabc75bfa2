"""DL3051: a label of the schema is empty."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules.bases import LabelSchemaOptions
from dlint.views.dockerfile.labels import label_pairs, label_value


class EmptyLabel(Rule):
    """Label from the label schema has an empty value.

    ## Why is this bad?
    A label the schema asks for is there to carry information; set to `""` it
    satisfies the letter of the schema but not its purpose. This is often a
    build argument that was not passed (`LABEL version=$VERSION` with `ARG
    VERSION=""`).

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.version" = "semver" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.version=""
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.version" = "semver" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.version="1.4.0"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels that must not be
      empty. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3051"
    name = "empty-label"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"LABEL"})
    Options = LabelSchemaOptions
    configured_by = frozenset({"label_schema"})

    def check_instruction(self, ctx, instruction):
        schema = self.options.label_schema
        if not schema:
            return
        for pair in label_pairs(instruction):
            if pair.key.value in schema and label_value(ctx, instruction, pair) == "":
                span = pair.value.span if pair.value is not None else pair.key.span
                yield Violation(span, f"label `{pair.key.value}` is empty")
