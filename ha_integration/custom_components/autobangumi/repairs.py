"""Repair issues for problems the user can act on, and the fix flow for downloader credentials.

* `daemon_too_old`: the daemon lacks calls this integration needs (upgrade AutoBangumi).
* `downloader_auth_failed`: the daemon's downloader rejects its username or password. The fix
  flow sends new credentials to the daemon's settings; nothing else in its settings changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import voluptuous as vol
from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType

from .client import REASON_DOWNLOADER_AUTH_FAILED, AutoBangumiError
from .const import DOMAIN, ISSUE_DAEMON_TOO_OLD, ISSUE_DOWNLOADER_AUTH, MIN_DAEMON_VERSION

if TYPE_CHECKING:
    from .coordinator import AutoBangumiConfigEntry


def issue_id(kind: str, entry_id: str) -> str:
    return f"{kind}_{entry_id}"


@callback
def async_sync_daemon_version_issue(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, version: str | None
) -> None:
    """Raise the issue for an outdated daemon (`version` None when unknown), or clear it ("")."""
    iid = issue_id(ISSUE_DAEMON_TOO_OLD, entry.entry_id)
    if version == "":
        ir.async_delete_issue(hass, DOMAIN, iid)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        iid,
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key=ISSUE_DAEMON_TOO_OLD,
        translation_placeholders={
            "title": entry.title,
            "version": version or "?",
            "min_version": MIN_DAEMON_VERSION,
        },
    )


@callback
def async_sync_downloader_auth_issue(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, error: AutoBangumiError | None
) -> None:
    """Raise the fixable issue when the downloader rejects the daemon's credentials, else clear it.

    The daemon says so with a reason code in the failed call's status, whatever its message.
    """
    iid = issue_id(ISSUE_DOWNLOADER_AUTH, entry.entry_id)
    if error is None or error.reason != REASON_DOWNLOADER_AUTH_FAILED:
        ir.async_delete_issue(hass, DOMAIN, iid)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        iid,
        is_fixable=True,
        severity=ir.IssueSeverity.ERROR,
        translation_key=ISSUE_DOWNLOADER_AUTH,
        translation_placeholders={"title": entry.title},
        data={"entry_id": entry.entry_id},
    )


class DownloaderCredentialsFlow(RepairsFlow):
    """Ask for the downloader's username and password and store them in the daemon."""

    def __init__(self, entry_id: str) -> None:
        self._entry_id = entry_id

    async def async_step_init(self, user_input: dict[str, str] | None = None) -> data_entry_flow.FlowResult:
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> data_entry_flow.FlowResult:
        entry: AutoBangumiConfigEntry | None = self.hass.config_entries.async_get_entry(self._entry_id)
        if entry is None or entry.state is not ConfigEntryState.LOADED:
            return self.async_abort(reason="entry_not_loaded")
        runtime = entry.runtime_data
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                await runtime.client.set_downloader_credentials(
                    user_input[CONF_USERNAME], user_input[CONF_PASSWORD]
                )
            except AutoBangumiError:
                errors["base"] = "cannot_save"
            else:
                await runtime.downloads.async_refresh()
                return self.async_create_entry(data={})
        schema = vol.Schema(
            {
                vol.Required(CONF_USERNAME): TextSelector(),
                vol.Required(CONF_PASSWORD): TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD)),
            }
        )
        return self.async_show_form(
            step_id="confirm",
            data_schema=schema,
            errors=errors,
            description_placeholders={"title": entry.title},
        )


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """Only the downloader-credentials issue is fixable here."""
    entry_id = str((data or {}).get("entry_id", ""))
    return DownloaderCredentialsFlow(entry_id)
