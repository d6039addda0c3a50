"""Base entities: one service device per daemon, and one device per download rule (show)."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ._proto.autobangumi import v1
from .const import DOMAIN
from .coordinator import AutoBangumiCoordinator, AutoBangumiDownloadsCoordinator


def daemon_identifier(coordinator: AutoBangumiCoordinator | AutoBangumiDownloadsCoordinator) -> str:
    """The daemon's instance id: stable across address changes, unique per install."""
    return coordinator.config_entry.unique_id or coordinator.config_entry.entry_id


def rule_identifier(daemon_id: str, rule_id: int) -> str:
    return f"{daemon_id}_rule_{rule_id}"


def daemon_device(coordinator: AutoBangumiCoordinator) -> DeviceInfo:
    return DeviceInfo(
        entry_type=DeviceEntryType.SERVICE,
        identifiers={(DOMAIN, daemon_identifier(coordinator))},
        manufacturer="AutoBangumi",
        model="AutoBangumi daemon",
        name=coordinator.config_entry.title,
        sw_version=coordinator.instance.version or None,
    )


class AutoBangumiEntity(CoordinatorEntity[AutoBangumiCoordinator]):
    """An entity of the daemon's service device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: AutoBangumiCoordinator, key: str) -> None:
        super().__init__(coordinator)
        self._attr_unique_id = f"{daemon_identifier(coordinator)}_{key}"
        self._attr_device_info = daemon_device(coordinator)


class AutoBangumiDownloadsEntity(CoordinatorEntity[AutoBangumiDownloadsCoordinator]):
    """An entity of the daemon's service device, fed by the torrent poll."""

    _attr_has_entity_name = True

    def __init__(
        self, coordinator: AutoBangumiDownloadsCoordinator, main: AutoBangumiCoordinator, key: str
    ) -> None:
        super().__init__(coordinator)
        self._attr_unique_id = f"{daemon_identifier(main)}_{key}"
        self._attr_device_info = daemon_device(main)


class AutoBangumiRuleEntity(AutoBangumiEntity):
    """An entity of one rule's device; unavailable once the rule is gone from the daemon."""

    def __init__(self, coordinator: AutoBangumiCoordinator, rule_id: int, key: str) -> None:
        super().__init__(coordinator, f"rule_{rule_id}_{key}")
        self.rule_id = rule_id
        daemon_id = daemon_identifier(coordinator)
        rule = coordinator.data.rules[rule_id]
        self._attr_device_info = DeviceInfo(
            entry_type=DeviceEntryType.SERVICE,
            identifiers={(DOMAIN, rule_identifier(daemon_id, rule_id))},
            manufacturer="AutoBangumi",
            model=rule.group_name or "Download rule",
            name=rule.official_title,
            via_device=(DOMAIN, daemon_id),
        )

    @property
    def rule(self) -> v1.Bangumi | None:
        return self.coordinator.data.rules.get(self.rule_id)

    @property
    def available(self) -> bool:
        return super().available and self.rule is not None
