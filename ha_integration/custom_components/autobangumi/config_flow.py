"""Config flow: manual setup, zeroconf discovery, reauthentication and reconfiguration.

Every path ends with a real connection test: the flow logs in when given a username and
password (only the resulting session token is stored, never the password), then asks the
daemon for its instance id, which becomes the entry's unique id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol
from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, CONF_TOKEN, CONF_USERNAME
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from ._proto.autobangumi import v1
from .client import (
    AuthFailed,
    AutoBangumiClient,
    AutoBangumiError,
    CannotConnect,
    Forbidden,
    NotSupported,
    Throttled,
    make_ssl_context,
)
from .const import CONF_TLS, DEFAULT_NAME, DEFAULT_PORT, DOMAIN, LOGGER, RPC_TIMEOUT

_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_PORT = NumberSelector(NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX))

CREDENTIALS: dict[vol.Marker, Any] = {
    vol.Optional(CONF_TOKEN): _PASSWORD,
    vol.Optional(CONF_USERNAME): TextSelector(),
    vol.Optional(CONF_PASSWORD): _PASSWORD,
}
CONNECTION: dict[vol.Marker, Any] = {
    vol.Required(CONF_HOST): TextSelector(),
    vol.Required(CONF_PORT, default=DEFAULT_PORT): _PORT,
    vol.Required(CONF_TLS, default=False): BooleanSelector(),
}
USER_SCHEMA = vol.Schema({**CONNECTION, **CREDENTIALS})
ZEROCONF_SCHEMA = vol.Schema({vol.Required(CONF_TLS, default=False): BooleanSelector(), **CREDENTIALS})
REAUTH_SCHEMA = vol.Schema(CREDENTIALS)

_ERRORS: tuple[tuple[type[AutoBangumiError], str], ...] = (
    (AuthFailed, "invalid_auth"),
    (Forbidden, "forbidden"),
    (Throttled, "throttled"),
    (NotSupported, "daemon_too_old"),
    (CannotConnect, "cannot_connect"),
)


class MissingCredentials(Exception):
    """Neither a token nor a username and password were given."""


class AutoBangumiConfigFlow(ConfigFlow, domain=DOMAIN):
    VERSION = 1
    MINOR_VERSION = 1

    def __init__(self) -> None:
        self._discovered: dict[str, Any] = {}

    async def _connect(
        self, connection: Mapping[str, Any], credentials: Mapping[str, Any], current_token: str | None = None
    ) -> tuple[v1.InstanceInfo, str]:
        """Test the connection and the credentials; returns the daemon's identity and the token."""
        token = (credentials.get(CONF_TOKEN) or "").strip()
        username = (credentials.get(CONF_USERNAME) or "").strip()
        password = credentials.get(CONF_PASSWORD) or ""
        if not token and not (username and password):
            if current_token is None:
                raise MissingCredentials
            token = current_token
        ssl_context = (
            await self.hass.async_add_executor_job(make_ssl_context) if connection[CONF_TLS] else None
        )
        client = AutoBangumiClient(
            connection[CONF_HOST],
            int(connection[CONF_PORT]),
            token=token or None,
            ssl_context=ssl_context,
            timeout=RPC_TIMEOUT,
        )
        try:
            if not token:
                token = await client.login(username, password)
            info = await client.get_instance()
        finally:
            client.close()
        return info, token

    async def _try_connect(
        self, connection: Mapping[str, Any], credentials: Mapping[str, Any], current_token: str | None = None
    ) -> tuple[v1.InstanceInfo | None, str, dict[str, str]]:
        """`_connect` with every failure turned into a form error."""
        try:
            info, token = await self._connect(connection, credentials, current_token)
        except MissingCredentials:
            return None, "", {"base": "missing_credentials"}
        except AutoBangumiError as err:
            reason = next((key for kind, key in _ERRORS if isinstance(err, kind)), "cannot_connect")
            return None, "", {"base": reason}
        except Exception:
            LOGGER.exception("Unexpected error while connecting to AutoBangumi")
            return None, "", {"base": "unknown"}
        return info, token, {}

    @staticmethod
    def _entry_data(
        connection: Mapping[str, Any], credentials: Mapping[str, Any], token: str
    ) -> dict[str, Any]:
        data = {
            CONF_HOST: connection[CONF_HOST],
            CONF_PORT: int(connection[CONF_PORT]),  # the number selector answers a float
            CONF_TLS: connection[CONF_TLS],
            CONF_TOKEN: token,
        }
        # The user name is kept to pre-fill reauthentication; the password never is.
        if not credentials.get(CONF_TOKEN) and credentials.get(CONF_USERNAME):
            data[CONF_USERNAME] = credentials[CONF_USERNAME].strip()
        return data

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        if user_input is not None:
            connection = {**user_input, CONF_HOST: user_input[CONF_HOST].strip()}
            info, token, errors = await self._try_connect(connection, user_input)
            if info is not None:
                await self.async_set_unique_id(info.instance_id)
                self._abort_if_unique_id_configured()
                return self.async_create_entry(
                    title=info.name or DEFAULT_NAME, data=self._entry_data(connection, user_input, token)
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input or {}),
            errors=errors,
        )

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        instance_id = discovery_info.properties.get("instance_id")
        if not instance_id:
            return self.async_abort(reason="not_autobangumi")
        host, port = discovery_info.host, discovery_info.port or DEFAULT_PORT
        await self.async_set_unique_id(instance_id)
        # A known daemon that moved: follow it (discovery-update-info), no question asked.
        self._abort_if_unique_id_configured(updates={CONF_HOST: host, CONF_PORT: port})
        self._discovered = {CONF_HOST: host, CONF_PORT: port}
        self.context["title_placeholders"] = {"name": f"{DEFAULT_NAME} ({host})"}
        return await self.async_step_zeroconf_confirm()

    async def async_step_zeroconf_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        if user_input is not None:
            connection = {**self._discovered, CONF_TLS: user_input[CONF_TLS]}
            info, token, errors = await self._try_connect(connection, user_input)
            if info is not None:
                await self.async_set_unique_id(info.instance_id, raise_on_progress=False)
                self._abort_if_unique_id_configured()
                return self.async_create_entry(
                    title=info.name or DEFAULT_NAME, data=self._entry_data(connection, user_input, token)
                )
        return self.async_show_form(
            step_id="zeroconf_confirm",
            data_schema=ZEROCONF_SCHEMA,
            errors=errors,
            description_placeholders={
                "host": self._discovered[CONF_HOST],
                "port": str(self._discovered[CONF_PORT]),
            },
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            info, token, errors = await self._try_connect(entry.data, user_input)
            if info is not None:
                await self.async_set_unique_id(info.instance_id)
                self._abort_if_unique_id_mismatch(reason="wrong_daemon")
                updated = self._entry_data(entry.data, user_input, token)
                return self.async_update_reload_and_abort(entry, data=updated)
        suggested = {CONF_USERNAME: entry.data.get(CONF_USERNAME)} if entry.data.get(CONF_USERNAME) else {}
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=self.add_suggested_values_to_schema(REAUTH_SCHEMA, suggested),
            errors=errors,
            description_placeholders={"host": entry.data[CONF_HOST]},
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            connection = {**user_input, CONF_HOST: user_input[CONF_HOST].strip()}
            # Leaving the credentials empty keeps the current token.
            info, token, errors = await self._try_connect(connection, user_input, entry.data[CONF_TOKEN])
            if info is not None:
                await self.async_set_unique_id(info.instance_id)
                self._abort_if_unique_id_mismatch(reason="wrong_daemon")
                updated = self._entry_data(connection, user_input, token)
                if token == entry.data[CONF_TOKEN] and CONF_USERNAME in entry.data:
                    updated.setdefault(CONF_USERNAME, entry.data[CONF_USERNAME])
                return self.async_update_reload_and_abort(entry, data=updated)
        current = {k: entry.data[k] for k in (CONF_HOST, CONF_PORT, CONF_TLS)}
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input or current),
            errors=errors,
        )
