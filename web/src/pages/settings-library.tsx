// The library settings of one downloader instance (root, how files are placed, path mappings) and
// the media servers asked to scan after an episode lands. Kept apart from settings.tsx because the
// same library form is shown for the default downloader and for every further instance.
import type { DownloaderConfig, MediaPathMapping, MediaServer, MediaServerConfig, PathMapping } from '../api/client';
import { Button, FieldError, SelectField, Switch, TextField } from '../components/ui';
import { t, tOr } from '../i18n';

type Library = Pick<DownloaderConfig, 'library_root' | 'library_mode' | 'path_mappings'>;

/** '' means the default (hardlink, falling back to a copy across filesystems). */
const MODES = ['', 'hardlink', 'copy', 'move'];
const SERVER_TYPES = ['jellyfin', 'emby', 'plex'];

/** Library root, mode and path mappings of the instance whose config path is `base`. */
export function LibraryFields(p: {
  base: string;
  value: Library;
  onChange: (patch: Partial<Library>) => void;
  errAt: (path: string) => string | undefined;
}) {
  const maps = p.value.path_mappings ?? [];
  const setMaps = (path_mappings: PathMapping[]) => p.onChange({ path_mappings });
  const updMap = (i: number, patch: Partial<PathMapping>) => setMaps(maps.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div class="library" data-testid="library-fields">
      <TextField
        label={t('cfg.downloader.library_root')}
        name={p.base + '.library_root'}
        value={p.value.library_root ?? ''}
        onInput={(v) => p.onChange({ library_root: v })}
        hint={t('settings.library_root_hint')}
        error={p.errAt(p.base + '.library_root')}
      />
      <SelectField
        label={t('cfg.downloader.library_mode')}
        name={p.base + '.library_mode'}
        value={p.value.library_mode ?? ''}
        options={(MODES.includes(p.value.library_mode ?? '') ? MODES : [p.value.library_mode, ...MODES]).map((m) => ({
          value: m,
          label: tOr('settings.library_mode.' + (m || 'default'), m),
        }))}
        onChange={(v) => p.onChange({ library_mode: v })}
        error={p.errAt(p.base + '.library_mode')}
      />
      <p class="hint">{t('settings.path_mappings_hint')}</p>
      {maps.map((m, i) => {
        const at = `${p.base}.path_mappings[${i}]`;
        return (
          <div class="cols" key={i} data-testid="path-mapping">
            <TextField
              label={t('cfg.mapping.downloader_path')}
              name={at + '.downloader_path'}
              value={m.downloader_path}
              onInput={(v) => updMap(i, { downloader_path: v })}
              error={p.errAt(at)}
            />
            <TextField label={t('cfg.mapping.local_path')} name={at + '.local_path'} value={m.local_path} onInput={(v) => updMap(i, { local_path: v })} />
            <Button class="btn-small" onClick={() => setMaps(maps.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </Button>
          </div>
        );
      })}
      <Button class="btn-small" onClick={() => setMaps([...maps, { downloader_path: '', local_path: '' }])} data-testid="path-mapping-add">
        {t('settings.path_mapping_add')}
      </Button>
    </div>
  );
}

/** The media servers to ask for a scan, and the Kodi/Jellyfin metadata files. */
export function MediaServers(p: {
  value: MediaServerConfig;
  onChange: (v: MediaServerConfig) => void;
  errAt: (path: string) => string | undefined;
}) {
  const list = p.value.servers;
  const setList = (servers: MediaServer[]) => p.onChange({ ...p.value, servers });
  const upd = (i: number, patch: Partial<MediaServer>) => setList(list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div class="providers" data-testid="media-servers">
      <Switch label={t('cfg.media_server.write_nfo')} name="media_server.write_nfo" checked={p.value.write_nfo} onChange={(v) => p.onChange({ ...p.value, write_nfo: v })} />
      <Switch
        label={t('cfg.media_server.write_poster')}
        name="media_server.write_poster"
        checked={p.value.write_poster}
        onChange={(v) => p.onChange({ ...p.value, write_poster: v })}
      />
      <p class="hint">{t('settings.media_servers_hint')}</p>
      {list.map((s, i) => {
        const base = `media_server.servers[${i}]`;
        return (
          <div class="card inner" key={i} data-testid="media-server">
            <SelectField
              label={t('cfg.media_server.type')}
              name={base + '.type'}
              value={s.type}
              options={(SERVER_TYPES.includes(s.type) ? SERVER_TYPES : [s.type, ...SERVER_TYPES]).map((v) => ({ value: v, label: tOr('cfg.choice.' + v, v) }))}
              onChange={(v) => upd(i, { type: v })}
              error={p.errAt(base + '.type')}
            />
            <TextField label={t('cfg.media_server.url')} name={base + '.url'} value={s.url} onInput={(v) => upd(i, { url: v })} error={p.errAt(base + '.url')} />
            <TextField
              label={t('cfg.media_server.token')}
              name={base + '.token'}
              type="password"
              autoComplete="off"
              value={s.token}
              onInput={(v) => upd(i, { token: v })}
              hint={t('settings.secret_hint')}
            />
            <Switch label={t('settings.provider_enabled')} checked={s.enabled} onChange={(v) => upd(i, { enabled: v })} />
            <ServerMappings base={base} value={s.path_mappings ?? []} onChange={(path_mappings) => upd(i, { path_mappings })} errAt={p.errAt} />
            <div class="actions">
              <Button variant="danger" onClick={() => setList(list.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </Button>
            </div>
          </div>
        );
      })}
      <FieldError error={p.errAt('media_server.servers')} />
      <Button onClick={() => setList([...list, { type: 'jellyfin', url: '', token: '', enabled: true, path_mappings: [] }])} data-testid="media-server-add">
        {t('settings.media_server_add')}
      </Button>
    </div>
  );
}

/** Where a media server sees the library, when it runs elsewhere (Docker, another machine). */
function ServerMappings(p: {
  base: string;
  value: MediaPathMapping[];
  onChange: (v: MediaPathMapping[]) => void;
  errAt: (path: string) => string | undefined;
}) {
  const upd = (i: number, patch: Partial<MediaPathMapping>) => p.onChange(p.value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <>
      <p class="hint">{t('settings.server_mappings_hint')}</p>
      {p.value.map((m, i) => {
        const at = `${p.base}.path_mappings[${i}]`;
        return (
          <div class="cols" key={i} data-testid="server-mapping">
            <TextField label={t('cfg.mapping.local_path_library')} name={at + '.local_path'} value={m.local_path} onInput={(v) => upd(i, { local_path: v })} error={p.errAt(at)} />
            <TextField label={t('cfg.mapping.server_path')} name={at + '.server_path'} value={m.server_path} onInput={(v) => upd(i, { server_path: v })} />
            <Button class="btn-small" onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </Button>
          </div>
        );
      })}
      <Button class="btn-small" onClick={() => p.onChange([...p.value, { local_path: '', server_path: '' }])} data-testid="server-mapping-add">
        {t('settings.path_mapping_add')}
      </Button>
    </>
  );
}
