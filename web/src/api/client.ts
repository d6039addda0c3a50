// The page's view of the API. Every call goes through `rpc`, which reads the method's route
// (verb, path, body field) from the generated contract, so the page and the daemon agree on
// every URL and shape.
import {
  ROUTES,
  type HttpBinding,
  type HttpMethod,
  type MethodKey,
  type RequestOf,
  type ResponseOf,
} from './generated/contract';
import type {
  Bangumi,
  CompleteSetupRequest,
  Config,
  JsonObject,
  NotificationProvider,
  RssItem,
  TestDownloaderRequest,
} from './generated/contract';

import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';

export type * from './generated/contract';

/** A failed call, with the server's bilingual message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly msg_en: string,
    readonly msg_zh: string,
  ) {
    super(msg_en);
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => undefined;

export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export const API = '/api/v1';

interface CallOptions {
  /** Use this verb's binding when the method has several (AutoBangumi's GET aliases). */
  method?: HttpMethod;
  /** A 401 here means bad credentials, not an expired session. */
  noAuthRedirect?: boolean;
}

type Fields = Record<string, unknown>;

function binding(key: MethodKey, verb?: HttpMethod): HttpBinding & { path_params: readonly string[] } {
  const route = ROUTES[key];
  if (verb && route.http_method !== verb) {
    const alt = route.additional_bindings.find((b) => b.http_method === verb);
    if (alt) return { ...alt, path_params: route.path_params };
  }
  return route;
}

function appendQuery(q: URLSearchParams, fields: Fields): void {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, String(item));
    else if (typeof v !== 'object') q.set(k, String(v));
  }
}

/** The URL, verb and JSON body for one call, from the contract's route. */
export function buildRequest<K extends MethodKey>(
  key: K,
  req: RequestOf<K>,
  verb?: HttpMethod,
): { method: HttpMethod; url: string; body: string | undefined } {
  const b = binding(key, verb);
  const rest: Fields = { ...(req as Fields) };
  let path = b.path;
  for (const p of b.path_params) {
    path = path.replace(new RegExp(`\\{${p}(=[^}]*)?\\}`), encodeURIComponent(String(rest[p])));
    delete rest[p];
  }
  const q = new URLSearchParams();
  let body: string | undefined;
  if (b.body === '*') body = JSON.stringify(rest);
  else if (b.body) {
    body = JSON.stringify(rest[b.body] ?? null);
    delete rest[b.body];
    appendQuery(q, rest);
  } else appendQuery(q, rest);
  const qs = q.toString();
  return { method: b.http_method, url: path + (qs ? '?' + qs : ''), body };
}

async function errorFrom(res: Response): Promise<ApiError> {
  let en = res.statusText || `HTTP ${res.status}`;
  let zh = en;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const o = body as Fields;
      if (typeof o.msg_en === 'string') en = o.msg_en;
      zh = typeof o.msg_zh === 'string' ? o.msg_zh : en;
      if (typeof o.detail === 'string') en = zh = o.detail;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(res.status, en, zh);
}

export async function rpc<K extends MethodKey>(key: K, req: RequestOf<K>, opts: CallOptions = {}): Promise<ResponseOf<K>> {
  const r = buildRequest(key, req, opts.method);
  const init: RequestInit = { method: r.method, credentials: 'same-origin' };
  if (r.body !== undefined) {
    init.body = r.body;
    init.headers = { 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(r.url, init);
  } catch {
    throw new ApiError(0, en['app.offline'], zh['app.offline']);
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !opts.noAuthRedirect) onUnauthorized();
    throw err;
  }
  if (ROUTES[key].raw_response) return (await res.blob()) as ResponseOf<K>;
  return (await res.json()) as ResponseOf<K>;
}

/** For server-streamed methods: the URL to open with EventSource. */
export function streamUrl<K extends MethodKey>(key: K, req: RequestOf<K>): string {
  return buildRequest(key, req).url;
}

const POST = { method: 'POST' } as const;

export const api = {
  // -- setup and program --------------------------------------------------------------
  setupStatus: () => rpc('SetupService.GetSetupStatus', {}),
  setupTestDownloader: (b: TestDownloaderRequest) => rpc('SetupService.TestDownloader', b),
  setupTestRss: (url: string) => rpc('SetupService.TestRss', { url }),
  setupTestNotification: (b: { type: string; token: string; chat_id: string }) => rpc('SetupService.TestNotification', b),
  setupComplete: (b: CompleteSetupRequest) => rpc('SetupService.CompleteSetup', b),
  status: () => rpc('ProgramService.GetStatus', {}),
  overview: () => rpc('OverviewService.GetOverview', {}),
  start: () => rpc('ProgramService.StartProgram', {}, POST),
  stop: () => rpc('ProgramService.StopProgram', {}, POST),
  restart: () => rpc('ProgramService.RestartProgram', {}, POST),

  // -- auth ---------------------------------------------------------------------------
  login: (username: string, password: string) =>
    rpc('AuthService.Login', { username, password }, { noAuthRedirect: true }),
  logout: () => rpc('AuthService.Logout', {}, { method: 'POST', noAuthRedirect: true }),
  updateCredentials: (b: { username?: string; password?: string }) => rpc('AuthService.UpdateCredentials', b),
  sessions: () => rpc('SessionService.ListSessions', {}),
  endSession: (id: string) => rpc('SessionService.DeleteSession', { id }),
  tokens: () => rpc('TokenService.ListTokens', {}),
  createToken: (name: string) => rpc('TokenService.CreateToken', { name }),
  revokeToken: (id: number) => rpc('TokenService.DeleteToken', { id }),
  passkeyRegisterOptions: () => rpc('PasskeyService.RegisterOptions', {}),
  passkeyRegisterVerify: (name: string, attestation_response: JsonObject) =>
    rpc('PasskeyService.RegisterVerify', { name, attestation_response }),
  passkeyAuthOptions: (username?: string) =>
    rpc('PasskeyService.AuthOptions', username ? { username } : {}, { noAuthRedirect: true }),
  passkeyAuthVerify: (credential: JsonObject, username?: string) =>
    rpc('PasskeyService.AuthVerify', { username: username || null, credential }, { noAuthRedirect: true }),
  passkeys: () => rpc('PasskeyService.ListPasskeys', {}),
  deletePasskey: (passkey_id: number) => rpc('PasskeyService.DeletePasskey', { passkey_id }),

  // -- rules ----------------------------------------------------------------------------
  rules: () => rpc('BangumiService.ListBangumi', {}),
  rule: (id: number) => rpc('BangumiService.GetBangumi', { bangumi_id: id }),
  updateRule: (id: number, data: Bangumi) => rpc('BangumiService.UpdateBangumi', { bangumi_id: id, data }),
  deleteRule: (id: number, file: boolean) => rpc('BangumiService.DeleteBangumi', { bangumi_id: id, file }),
  disableRule: (id: number) => rpc('BangumiService.DisableBangumi', { bangumi_id: id, file: false }, POST),
  enableRule: (id: number) => rpc('BangumiService.EnableBangumi', { bangumi_id: id }, POST),
  archiveRule: (id: number) => rpc('BangumiService.ArchiveBangumi', { bangumi_id: id }),
  unarchiveRule: (id: number) => rpc('BangumiService.UnarchiveBangumi', { bangumi_id: id }),
  suggestOffset: (id: number) => rpc('BangumiService.SuggestOffset', { bangumi_id: id }),
  detectOffset: (title: string, parsed_season: number, parsed_episode: number) =>
    rpc('BangumiService.DetectOffset', { title, parsed_season, parsed_episode }),
  dismissReview: (id: number) => rpc('BangumiService.DismissReview', { bangumi_id: id }),
  setWeekday: (id: number, weekday: number | null) => rpc('BangumiService.SetWeekday', { bangumi_id: id, weekday }),
  refreshCalendar: () => rpc('BangumiService.RefreshCalendar', {}, POST),
  refreshPosters: () => rpc('BangumiService.RefreshPosterAll', {}, POST),
  renamePreview: (bangumi_id: number) => rpc('LibraryService.PreviewRename', { bangumi_id }),
  runRename: () => rpc('LibraryService.RunRename', {}),
  explain: (title: string) => rpc('ParserService.ExplainTitle', { title }),

  // -- feeds ----------------------------------------------------------------------------
  feeds: () => rpc('RssService.ListRss', {}),
  addFeed: (b: { url: string; name: string | null; aggregate: boolean; parser: string; downloader: string | null }) =>
    rpc('RssService.AddRss', { ...b, enabled: true }),
  updateFeed: (id: number, data: RssItem) => rpc('RssService.UpdateRss', { rss_id: id, data }),
  enableFeeds: (ids: number[]) => rpc('RssService.EnableManyRss', { rss_ids: ids }),
  disableFeed: (id: number) => rpc('RssService.DisableRss', { rss_id: id }),
  deleteFeed: (id: number) => rpc('RssService.DeleteRss', { rss_id: id }),
  refreshFeed: (id: number) => rpc('RssService.RefreshRss', { rss_id: id }, POST),
  refreshAll: () => rpc('RssService.RefreshAllRss', {}, POST),
  feedItems: (rss_id: number, q: { limit: number; offset: number; status?: string }) =>
    rpc('FeedItemService.ListFeedItems', { rss_id, ...q }),
  downloadItem: (id: number) => rpc('FeedItemService.DownloadFeedItem', { id }),
  ruleFromItem: (id: number) => rpc('FeedItemService.CreateRuleFromFeedItem', { id }),
  collect: (b: Bangumi) => rpc('RssService.CollectRss', b),
  subscribe: (data: Bangumi, rss: RssItem) => rpc('RssService.SubscribeRss', { data, rss }),

  // -- downloads ------------------------------------------------------------------------
  downloads: () => rpc('DownloadService.ListDownloads', {}),
  pause: (hashes: string[]) => rpc('DownloaderService.PauseTorrents', { hashes }),
  resume: (hashes: string[]) => rpc('DownloaderService.ResumeTorrents', { hashes }),
  deleteTorrents: (hashes: string[], delete_files: boolean) =>
    rpc('DownloaderService.DeleteTorrents', { hashes, delete_files }),

  // -- search ---------------------------------------------------------------------------
  providers: () => rpc('SearchService.ListProviders', {}),
  providerConfig: () => rpc('SearchService.GetProviderConfig', {}),
  setProviderConfig: (providers: Record<string, string>) => rpc('SearchService.UpdateProviderConfig', { providers }),

  // -- config ---------------------------------------------------------------------------
  config: () => rpc('ConfigService.GetConfig', {}),
  updateConfig: (config: Config) => rpc('ConfigService.UpdateConfig', { config }),
  testDownloader: (b: TestDownloaderRequest) => rpc('DiagnosticsService.TestDownloader', b),
  testNetwork: (url: string) => rpc('DiagnosticsService.TestNetwork', { url }),
  testNotification: (p: NotificationProvider) => rpc('NotificationService.TestProviderConfig', p),

  // -- log ------------------------------------------------------------------------------
  log: async () => (await rpc('LogService.GetLog', {})).text(),
  clearLog: () => rpc('LogService.ClearLog', {}, POST),
};

export function searchUrl(site: string, keywords: string): string {
  return streamUrl('SearchService.SearchBangumi', { site, keywords });
}

export function eventsUrl(): string {
  return streamUrl('ProgramService.Events', {});
}

/** Poster links are relative (`posters/x.jpg`) or absolute URLs. */
export function posterSrc(link: string | null | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return '/' + link.replace(/^\/+/, '');
}
