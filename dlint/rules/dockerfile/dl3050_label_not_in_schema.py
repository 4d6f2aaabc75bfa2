"""DL3050: a label is not in the schema while strict labels are on."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules.bases import LabelSchemaOptions
from dlint.views.dockerfile.labels import label_pairs


class LabelNotInSchema(Rule):
    """Label is not listed in the label schema (strict labels).

    ## Why is this bad?
    With `strict-labels` on, the label schema is the complete list of labels an
    image may carry. Any other key is a typo of a schema key or metadata nobody
    agreed on.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.source" = "url" }
    strict-labels = true
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.sources="https://github.com/example/app"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.source" = "url" }
    strict-labels = true
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="https://github.com/example/app"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the allowed keys.
    - `strict-labels` (bool, default false): the rule only reports when it is on
      and a schema is set.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3050"
    name = "label-not-in-schema"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"LABEL"})
    Options = LabelSchemaOptions
    configured_by = frozenset({"label_schema"})

    def check_instruction(self, ctx, instruction):
        schema = self.options.label_schema
        if not schema or not self.options.strict_labels:
            return
        for pair in label_pairs(instruction):
            if pair.key.value not in schema and "$" not in pair.key.raw:
                yield Violation(pair.key.span, f"label `{pair.key.value}` is not in the label schema")
