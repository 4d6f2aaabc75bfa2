"""DL3055: a label of schema type ``hash`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_git_hash
from dlint.rules.bases import LabelValueRule


class LabelNotGitHash(LabelValueRule):
    """Label value is not a Git commit hash.

    ## Why is this bad?
    When the label schema gives a label the type `hash`, its value must be a Git commit
    hash: tools that read image metadata rely on that format. Accepted: 7 to 40
    hexadecimal digits (an abbreviated or full SHA-1 commit id), or 64 (SHA-256
    repositories). Values built from ARG or ENV are checked after substitution (skipped
    when a value is unknown); empty values are left to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.revision" = "hash" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.revision="main"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.revision" = "hash" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.revision="43c572f1272b6b3171dd1db9e41b7027128ce080"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `hash`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3055"
    name = "label-not-git-hash"
    label_type = "hash"
    expected = "a Git commit hash"
    is_valid = staticmethod(is_git_hash)
