"""Switches: the program (start/stop the daemon's jobs) and one per download rule."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator
from .entity import AutoBangumiEntity, AutoBangumiRuleEntity
from .helpers import call_daemon

# Each switch changes the daemon: one call at a time.
PARALLEL_UPDATES = 1

PROGRAM = SwitchEntityDescription(key="program", translation_key="program")


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = entry.runtime_data.coordinator
    async_add_entities([ProgramSwitch(coordinator)])
    known: set[int] = set()

    @callback
    def add_new_rules() -> None:
        """Rules come and go in the daemon: add a switch for each new one (removal prunes devices)."""
        current = set(coordinator.data.rules)
        known.intersection_update(current)
        new = sorted(current - known)
        if new:
            known.update(new)
            async_add_entities(RuleSwitch(coordinator, rule_id) for rule_id in new)

    add_new_rules()
    entry.async_on_unload(coordinator.async_add_listener(add_new_rules))


class ProgramSwitch(AutoBangumiEntity, SwitchEntity):
    """On while the daemon's jobs (feeds, downloads, renames) are scheduled."""

    def __init__(self, coordinator: AutoBangumiCoordinator) -> None:
        super().__init__(coordinator, PROGRAM.key)
        self.entity_description = PROGRAM

    @property
    def is_on(self) -> bool:
        return self.coordinator.data.state in ("running", "starting")

    async def async_turn_on(self, **kwargs: Any) -> None:
        await call_daemon(self.hass, self.coordinator.config_entry, self.coordinator.client.start_program())
        await self._after_change()

    async def async_turn_off(self, **kwargs: Any) -> None:
        await call_daemon(self.hass, self.coordinator.config_entry, self.coordinator.client.stop_program())
        await self._after_change()

    async def _after_change(self) -> None:
        # With the stream up, the daemon's program_state event updates the state by itself.
        if not self.coordinator.connected:
            await self.coordinator.async_refresh()


class RuleSwitch(AutoBangumiRuleEntity, SwitchEntity):
    """On while the rule downloads new episodes (AutoBangumi's enable/disable)."""

    _attr_translation_key = "rule"

    def __init__(self, coordinator: AutoBangumiCoordinator, rule_id: int) -> None:
        super().__init__(coordinator, rule_id, "enabled")

    @property
    def is_on(self) -> bool | None:
        rule = self.rule
        return None if rule is None else not rule.deleted

    async def async_turn_on(self, **kwargs: Any) -> None:
        await call_daemon(
            self.hass, self.coordinator.config_entry, self.coordinator.client.enable_rule(self.rule_id)
        )
        await self.coordinator.async_refresh()

    async def async_turn_off(self, **kwargs: Any) -> None:
        await call_daemon(
            self.hass, self.coordinator.config_entry, self.coordinator.client.disable_rule(self.rule_id)
        )
        await self.coordinator.async_refresh()
