"""DL3058: a label of schema type ``email`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_email
from dlint.rules.bases import LabelValueRule


class LabelNotEmail(LabelValueRule):
    """Label value is not an e-mail address.

    ## Why is this bad?
    When the label schema gives a label the type `email`, its value must be an e-mail
    address: tools that read image metadata rely on that format. Accepted: An address
    such as `dev@example.com`, also with a display name: `Dev Team <dev@example.com>`.
    Values built from ARG or ENV are checked after substitution (skipped when a value is
    unknown); empty values are left to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "maintainer" = "email" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL maintainer="the platform team"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "maintainer" = "email" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL maintainer="platform@example.com"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `email`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3058"
    name = "label-not-email"
    label_type = "email"
    expected = "an e-mail address"
    is_valid = staticmethod(is_email)
