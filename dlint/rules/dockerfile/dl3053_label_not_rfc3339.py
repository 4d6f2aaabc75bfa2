"""DL3053: a label of schema type ``rfc3339`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_rfc3339
from dlint.rules.bases import LabelValueRule


class LabelNotRfc3339(LabelValueRule):
    """Label value is not an RFC 3339 date-time.

    ## Why is this bad?
    When the label schema gives a label the type `rfc3339`, its value must be an RFC
    3339 date-time such as `2024-05-01T12:30:00Z`: tools that read image metadata rely
    on that format. Accepted: A full date and time with a zone: `2024-05-01T12:30:00Z`,
    `2024-05-01T14:30:00.5+02:00`. Values built from ARG or ENV are checked after
    substitution (skipped when a value is unknown); empty values are left to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.created" = "rfc3339" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.created="May 1st 2024"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.created" = "rfc3339" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `rfc3339`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3053"
    name = "label-not-rfc3339"
    label_type = "rfc3339"
    expected = "an RFC 3339 date-time such as 2024-05-01T12:30:00Z"
    is_valid = staticmethod(is_rfc3339)
