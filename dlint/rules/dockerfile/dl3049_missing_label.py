"""DL3049: a stage lacks a label the schema requires."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules.bases import LabelSchemaOptions
from dlint.views.dockerfile.labels import label_pairs
from dlint.views.dockerfile.stage_graph import base_of, copied_from


class MissingLabel(Rule):
    """Image is missing a label from the label schema.

    ## Why is this bad?
    A label schema lists the metadata every image must carry (owner, source,
    version…). An image built without one of them escapes whatever relies on it:
    inventories, licence scans, routing of vulnerability reports.

    A stage has a label when it sets it or is built on a stage that has it. Stages
    that only feed others are not reported: one copied from (`COPY --from`,
    `RUN --mount=from=`) or used as the base of a stage that sets the label.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.source" = "url" }
    ```
    ```dockerfile
    FROM alpine:3.20
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.source" = "url" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="https://github.com/example/app"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): every key is required.
      Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3049"
    name = "missing-label"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"
    Options = LabelSchemaOptions
    configured_by = frozenset({"label_schema"})

    def check_dockerfile(self, ctx):
        schema = self.options.label_schema
        stages = ctx.dockerfile.stages
        if not schema or not stages:
            return
        feeders = copied_from(ctx.dockerfile)
        sets = [_label_keys(stage) for stage in stages]
        missing: dict[str, list[int]] = {}
        for key in schema:
            has: list[bool] = []
            silenced = set(feeders)
            for stage in stages:
                base = base_of(stage)
                has.append(key in sets[stage.index] or (base is not None and base < len(has) and has[base]))
                if key in sets[stage.index] and base is not None:
                    silenced.add(base)
            missing[key] = [index for index, ok in enumerate(has) if not ok and index not in silenced]
        for stage in stages:
            for key in schema:
                if stage.index in missing[key]:
                    yield Violation(stage.from_instruction.keyword_token.span, f"the image of this stage has no `{key}` label")


def _label_keys(stage) -> set[str]:
    return {
        pair.key.value
        for instruction in stage.instructions
        if instruction.keyword == "LABEL"
        for pair in label_pairs(instruction)
    }
