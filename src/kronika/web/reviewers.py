"""Who may correct the record through ``kronika serve --review``.

Locally (``--review``) a person types their name once; it is kept in a signed
session cookie. On a shared server (``--review --users FILE``) each person signs
in with an account: the file holds one JSON object a line, ``{"name", "role",
"hash"}``, the password hashed with argon2id (``kronika users add FILE NAME``);
role ``reviewer`` may write, ``reader`` only read. Sessions are HMAC-signed with
the server's secret, so an author cannot be forged by editing the cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import HTTPConnection

from kronika.review.corrections import CorrectionError, check_author

SESSION_COOKIE = "kronika_review"
SESSION_SECONDS = 12 * 3600
ROLES = ("reviewer", "reader")


@dataclass(frozen=True)
class Reviewer:
    name: str
    can_write: bool


@dataclass
class ReviewMode:
    """``accounts`` None: local use, a typed name is enough."""

    accounts: Accounts | None = None

    @property
    def shared(self) -> bool:
        return self.accounts is not None


class Accounts:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.users: dict[str, tuple[str, str]] = {}
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                name, role, digest = entry["name"], entry["role"], entry["hash"]
            except (ValueError, KeyError, TypeError):
                raise ValueError(f"{self.path}:{number}: want {{name, role, hash}}") from None
            if role not in ROLES or not str(digest).startswith("$argon2"):
                raise ValueError(
                    f"{self.path}:{number}: role must be reviewer or reader, hash argon2"
                )
            self.users[name] = (role, digest)

    def verify(self, name: str, password: str) -> Reviewer | None:
        from argon2 import PasswordHasher
        from argon2.exceptions import InvalidHashError, VerificationError

        role, digest = self.users.get(name, ("reader", _DUMMY_HASH))
        try:
            PasswordHasher().verify(digest, password)  # the same work for unknown names
        except (VerificationError, InvalidHashError):
            return None
        return Reviewer(name, role == "reviewer") if name in self.users else None

    def role(self, name: str) -> str | None:
        entry = self.users.get(name)
        return entry[0] if entry else None


# An argon2 hash of a random password: verifying against it costs what a real check costs.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$Clmbvb/p2WUpBWto9x/L2Q$"
    "5v/N0FhxFyV8vXOyLlCS9YHkKXMdyVMSX+hmKCMJx5M"
)


def add_account(path: Path, name: str, password: str, role: str = "reviewer") -> None:
    """Add (or replace) an account in a users file."""
    from argon2 import PasswordHasher

    name = check_author(name)
    if role not in ROLES:
        raise CorrectionError(f"role {role!r}: choose reviewer or reader")
    if len(password) < 8:
        raise CorrectionError("the password needs at least 8 characters")
    lines = []
    if path.exists():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line).get("name") != name
        ]
    entry = {"name": name, "role": role, "hash": PasswordHasher().hash(password)}
    lines.append(json.dumps(entry, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, b"review-session:" + payload, hashlib.sha256).hexdigest()


def session_value(secret: bytes, name: str) -> str:
    payload = base64.urlsafe_b64encode(
        json.dumps({"n": name, "t": int(time.time())}).encode()
    ).decode()
    return f"{payload}.{_sign(secret, payload.encode())}"


def session_cookie(secret: bytes, name: str) -> str:
    value = session_value(secret, name)
    return f"{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}"


def clear_cookie() -> str:
    return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"


def signed_name(secret: bytes, value: str) -> str | None:
    """The name in a session cookie, if the server signed it and it has not expired."""
    payload, _, signature = value.partition(".")
    if not payload or not hmac.compare_digest(signature, _sign(secret, payload.encode())):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        name, issued = str(data["n"]), int(data["t"])
    except (ValueError, KeyError, TypeError):
        return None
    return name if 0 <= time.time() - issued <= SESSION_SECONDS else None


def current(request: HTTPConnection) -> Reviewer | None:
    """The signed-in reviewer of a request (None: nobody, or review is off)."""
    mode: ReviewMode | None = request.app.state.review
    if mode is None:
        return None
    name = signed_name(request.app.state.csrf_secret, request.cookies.get(SESSION_COOKIE, ""))
    if name is None:
        return None
    if mode.accounts is None:
        return Reviewer(name, True)
    role = mode.accounts.role(name)  # an account removed from the file is signed out
    return Reviewer(name, role == "reviewer") if role else None
