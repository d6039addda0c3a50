"""Logging in from the browser: with the password (a wrong one refused in words), with a passkey
held by Chromium's virtual authenticator, and logging out."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD, USERNAME
from tests.passkey_authenticator import SoftAuthenticator
from tests.web.browser import Console, Labels, check_screen, log_in
from tests.web.stack import ApiClient, LoopThread, Stack, start_stack


@pytest.fixture(scope="module")
def stack(loop_thread: LoopThread, module_root: Path) -> Iterator[Stack]:
    s = start_stack(loop_thread, module_root)
    ApiClient(s.api).setup_and_login()
    yield s
    s.stop()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def virtual_authenticator(page: Page) -> tuple[Any, str]:
    """Chromium's own WebAuthn authenticator for this page: a platform passkey device."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    made = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, str(made["authenticatorId"])


def login_with_password(page: Page, labels: Labels, password: str = PASSWORD) -> None:
    page.get_by_label(labels("login.username"), exact=True).fill(USERNAME)
    page.get_by_label(labels("login.password"), exact=True).fill(password)
    page.get_by_test_id("login-submit").click()


def test_password_login_and_logout(
    page: Page, stack: Stack, labels: Labels, lang: str, viewport: str, console: Console
) -> None:
    console.expect_http_error(401)  # the wrong password, below
    page.goto(stack.url)
    form = page.get_by_test_id("login-form")
    expect(form).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("login.title"))
    check_screen(page, "login", lang, viewport)

    login_with_password(page, labels, "not-the-password")
    error = page.get_by_test_id("login-error")
    expect(error).to_be_visible()
    # The daemon's own words, in the page's language.
    expect(error).not_to_be_empty()
    check_screen(page, "login-error", lang, viewport)

    login_with_password(page, labels)
    expect(page.get_by_test_id("logout")).to_be_visible()
    expect(form).to_have_count(0)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["token"]["httpOnly"] is True

    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-form")).to_be_visible()
    # The session is over on the server too: the old page state cannot call the API.
    page.reload()
    expect(page.get_by_test_id("login-form")).to_be_visible()
    assert "token" not in {c["name"] for c in page.context.cookies() if c["value"]}


def test_passkey_login(page: Page, stack: Stack, labels: Labels, lang: str, viewport: str) -> None:
    # A passkey registered for this account (through the API), whose private key the browser's
    # virtual authenticator then holds, as if it had been made on this device.
    api = ApiClient(stack.api)
    api.login()
    origin = stack.url.rstrip("/")
    device = SoftAuthenticator(origin)
    options = api.call("POST", "/passkey/register/options", None, headers={"Origin": origin})
    response = device.create(options)
    api.call(
        "POST",
        "/passkey/register/verify",
        {"name": f"browser {lang} {viewport}", "attestation_response": response},
        headers={"Origin": origin},
    )
    (cred,) = device.credentials.values()

    page.goto(stack.url)
    expect(page.get_by_test_id("login-form")).to_be_visible()
    cdp, authenticator = virtual_authenticator(page)
    key = cred.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cdp.send(
        "WebAuthn.addCredential",
        {
            "authenticatorId": authenticator,
            "credential": {
                "credentialId": _b64(cred.id),
                "isResidentCredential": True,
                "rpId": cred.rp_id,
                "privateKey": _b64(key),
                "userHandle": _b64(cred.user_handle),
                "signCount": 0,
            },
        },
    )
    # No user name typed: a discoverable passkey says who it is.
    page.get_by_test_id("login-passkey").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    used = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert used[0]["signCount"] >= 1  # the browser really signed with it
    listed = api.call("GET", "/passkey/list")
    assert any(p["name"] == f"browser {lang} {viewport}" and p["last_used_at"] for p in listed)


def test_passkey_made_on_the_account_page_logs_in(
    page: Page, stack: Stack, labels: Labels, lang: str, viewport: str
) -> None:
    cdp, authenticator = virtual_authenticator(page)
    log_in(page, stack.url, labels)
    page.goto(stack.url + "#/account")
    card = page.get_by_test_id("passkeys")
    name = f"made here {lang} {viewport}"
    card.get_by_label(labels("account.passkey_name"), exact=True).fill(name)
    card.get_by_test_id("passkey-add").click()
    expect(card.get_by_test_id("passkey-row").filter(has_text=name)).to_have_count(1)
    check_screen(page, "account-passkeys", lang, viewport)
    # This session shows as a password login; after logging out, the new passkey logs in.
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-form")).to_be_visible()
    page.get_by_test_id("login-passkey").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    page.goto(stack.url + "#/account")
    # The session this page holds is the passkey one.
    current = page.get_by_test_id("session-row").filter(has_text=labels("account.this_session"))
    expect(current).to_have_count(1)
    expect(current).to_contain_text(labels("account.method_passkey"))
    (cred,) = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert cred["rpId"] == "localhost" and cred["signCount"] >= 1
