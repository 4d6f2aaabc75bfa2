"""DF027: the AS of a FROM line is not in the same case as FROM."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class FromAsCasing(Rule):
    """`AS` in FROM does not match the casing of `FROM`.

    ## Why is this bad?
    `FROM node:22 as build` mixes an upper-case keyword with a lower-case one on
    the same line. Docker does not mind, but the inconsistency makes stage
    declarations harder to spot; BuildKit warns about it. `AS` should be upper
    case when `FROM` is, and lower case otherwise.

    ## Example
    ```dockerfile
    FROM node:22-slim as build
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim AS build
    ```

    ## Fix safety
    The fix rewrites `AS` in the casing of `FROM`. It is safe: Docker reads the
    keyword without regard to case.

    ## References
    - [Build checks: FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    """

    code = "DF027"
    name = "from-as-casing"
    severity = Severity.STYLE
    category = "style"
    aliases = ("FromAsCasing",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        as_token = getattr(instruction, "as_token", None)
        if as_token is None:
            return
        from_upper = instruction.keyword_token.raw.isupper()
        if as_token.raw.isupper() == from_upper:
            return
        wanted = "AS" if from_upper else "as"
        written = instruction.keyword_token.raw
        fix = ctx.replace(as_token.span, wanted, f"Write `{wanted}`")
        yield Violation(as_token.span, f"`{as_token.raw}` does not match the casing of `{written}`: write `{wanted}`", fix)
