"""DL3054: a label of schema type ``spdx`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_spdx
from dlint.rules.bases import LabelValueRule


class LabelNotSpdx(LabelValueRule):
    """Label value is not an SPDX license expression.

    ## Why is this bad?
    When the label schema gives a label the type `spdx`, its value must be an SPDX
    license expression such as `MIT` or `Apache-2.0 OR MIT`: tools that read image
    metadata rely on that format. Accepted: An SPDX license identifier from the SPDX
    License List, or an expression combining them with `AND`, `OR`, `WITH <exception>`
    and parentheses; `LicenseRef-...` is accepted. Values built from ARG or ENV are
    checked after substitution (skipped when a value is unknown); empty values are left
    to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.licenses" = "spdx" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.licenses="Apache License"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.licenses" = "spdx" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.licenses="Apache-2.0"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `spdx`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3054"
    name = "label-not-spdx"
    label_type = "spdx"
    expected = "an SPDX license expression such as MIT or Apache-2.0 OR MIT"
    is_valid = staticmethod(is_spdx)
