"""The one place where client errors become translated Home Assistant errors."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError

from .client import AuthFailed, AutoBangumiError, CannotConnect, NotSupported
from .const import DOMAIN
from .coordinator import AutoBangumiConfigEntry

_T = TypeVar("_T")


async def call_daemon(hass: HomeAssistant, entry: AutoBangumiConfigEntry, call: Awaitable[_T]) -> _T:
    """Await a client call for a user action; failures raise a translated HomeAssistantError."""
    try:
        return await call
    except NotSupported as err:
        # The daemon does not implement this (yet): say so plainly instead of a stack trace.
        raise HomeAssistantError(translation_domain=DOMAIN, translation_key="not_supported") from err
    except AuthFailed as err:
        entry.async_start_reauth(hass)
        raise HomeAssistantError(translation_domain=DOMAIN, translation_key="auth_failed") from err
    except CannotConnect as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"error": str(err)},
        ) from err
    except AutoBangumiError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="request_failed",
            translation_placeholders={"error": str(err)},
        ) from err
