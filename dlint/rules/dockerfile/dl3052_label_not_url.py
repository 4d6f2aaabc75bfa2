"""DL3052: a label of schema type ``url`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_url
from dlint.rules.bases import LabelValueRule


class LabelNotUrl(LabelValueRule):
    """Label value is not a URL.

    ## Why is this bad?
    When the label schema gives a label the type `url`, its value must be a URL such as
    `https://example.com/project`: tools that read image metadata rely on that format.
    Accepted: An absolute URI with a scheme; `http`, `https`, `ftp`, `git`, `ssh` and
    similar schemes also need a host (`https://host/...`). Values built from ARG or ENV
    are checked after substitution (skipped when a value is unknown); empty values are
    left to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.source" = "url" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="github.com/example/app"
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
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `url`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3052"
    name = "label-not-url"
    label_type = "url"
    expected = "a URL such as https://example.com/project"
    is_valid = staticmethod(is_url)
