/* eslint-disable */
// Generated from proto/autobangumi/v1 by tools/gen_web_types.py. Do not edit by hand.
// Regenerate with: make web-types (python tools/gen_web_types.py)

/** Any JSON value (google.protobuf.Value). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object (google.protobuf.Struct). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * What a request may carry: the bridge fills protobuf defaults for every field left out or
 * null, except the path parameters `P`, which the URL needs.
 */
export type Input<T, P extends keyof T = never> = { [K in Exclude<keyof T, P>]?: T[K] | null } & {
  [K in P]: T[K];
};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpBinding {
  readonly http_method: HttpMethod;
  /** The path with `{param}` placeholders for the request's path fields. */
  readonly path: string;
  /** "*" (the whole request is the JSON body), a field whose value is the body, or null (none). */
  readonly body: string | null;
  /** The response field written as the whole body (a bare array, say), or null (the message). */
  readonly response_body: string | null;
}

export interface Route extends HttpBinding {
  readonly service: string;
  readonly method: string;
  readonly path_params: readonly string[];
  readonly request_type: string;
  readonly response_type: string;
  /** Served as server-sent events: one `data:` line per response message. */
  readonly server_streaming: boolean;
  /** Callable without a session (login, setup, status, posters). */
  readonly public: boolean;
  /** The response is a raw body (google.api.HttpBody), not JSON. */
  readonly raw_response: boolean;
  /** Further paths the same method answers on (AutoBangumi's aliases). */
  readonly additional_bindings: readonly HttpBinding[];
}

// Enums: written by name.

// Messages: the JSON the bridge writes for each.

export interface ApiMessage {
  msg_en: string;
  msg_zh: string;
  status?: boolean;
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface AutoTagResponse {
  status: boolean;
  tagged_count: number;
  unmatched_count: number;
  unmatched: UnmatchedTorrent[];
  msg_en: string;
  msg_zh: string;
}

export interface Bangumi {
  id: number | null;
  official_title: string;
  year: string | null;
  title_raw: string;
  season: number;
  season_raw: string | null;
  group_name: string | null;
  dpi: string | null;
  source: string | null;
  subtitle: string | null;
  eps_collect: boolean;
  episode_offset: number;
  season_offset: number;
  filter: string;
  rss_link: string;
  poster_link: string | null;
  added: boolean;
  rule_name: string | null;
  save_path: string | null;
  deleted: boolean;
  archived: boolean;
  air_weekday: number | null;
  weekday_locked: boolean;
  needs_review: boolean;
  needs_review_reason: string | null;
  suggested_season_offset: number | null;
  suggested_episode_offset: number | null;
  title_aliases: string | null;
  preferred_group: string | null;
  preferred_resolution: string | null;
  preferred_subtitle: string | null;
  allow_duplicates: boolean;
  downloader: string | null;
  preferred_codec: string | null;
  preferred_source: string | null;
  delay_minutes: number | null;
  preference_order: string | null;
  rename_template: string | null;
}

export interface BangumiIdRequest {
  bangumi_id: number;
}

export interface BangumiManageConfig {
  enable: boolean;
  eps_complete: boolean;
  rename_method: string;
  group_tag: boolean;
  remove_bad_torrent: boolean;
  rename_template: string;
}

export interface BoolValue {
  value: boolean;
}

export interface CompleteSetupRequest {
  username: string;
  password: string;
  downloader_type: string;
  downloader_host: string;
  downloader_username: string;
  downloader_password: string;
  downloader_path: string;
  downloader_ssl: boolean;
  rss_url: string;
  rss_name: string;
  notification_enable: boolean;
  notification_type: string;
  notification_token: string;
  notification_chat_id: string;
  downloader_api_key: string;
}

export interface CompleteSetupResponse {
  status: boolean;
  status_code: number;
  msg_en: string;
  msg_zh: string;
  data: string | null;
}

export interface Config {
  program: ProgramConfig | null;
  downloader: DownloaderConfig | null;
  rss_parser: RssParserConfig | null;
  bangumi_manage: BangumiManageConfig | null;
  log: LogConfig | null;
  proxy: ProxyConfig | null;
  notification: NotificationConfig | null;
  experimental_openai: OpenAiConfig | null;
  security: SecurityConfig | null;
  network: NetworkConfig | null;
  downloaders: DownloaderConfig[];
  media_server: MediaServerConfig | null;
  preference: PreferenceConfig | null;
}

export interface CreateTokenRequest {
  name: string;
}

export interface CreatedToken {
  id: number;
  name: string;
  token: string;
  created_at: string;
}

export interface DeleteBangumiRequest {
  bangumi_id: number;
  file: boolean;
}

export interface DeletePasskeyRequest {
  passkey_id: number;
}

export interface DeleteSessionRequest {
  id: string;
}

export interface DeleteTokenRequest {
  id: number;
}

export interface DeleteTorrentsRequest {
  hashes: string[];
  delete_files: boolean;
}

export interface DetectOffsetRequest {
  title: string;
  parsed_season: number;
  parsed_episode: number;
}

export interface DetectOffsetResponse {
  has_mismatch: boolean;
  suggestion: OffsetSuggestion | null;
  tmdb_info: TmdbSeasonInfo | null;
}

export interface DisableBangumiRequest {
  bangumi_id: number;
  file: boolean;
}

export interface Download {
  hash: string;
  name: string;
  state: string;
  progress: number;
  dlspeed: number;
  upspeed: number;
  size: number;
  eta: number | null;
  save_path: string;
  bangumi_id: number | null;
  added_at: string | null;
  rename_state: string;
  rename_detail_en: string;
  rename_detail_zh: string;
}

export interface DownloaderConfig {
  type: string;
  host: string;
  username: string;
  password: string;
  path: string;
  ssl: boolean;
  name: string;
  api_key: string;
  library_root: string;
  library_mode: string;
  path_mappings: PathMapping[];
}

export interface DownloaderState {
  type: string;
  host: string;
  reachable: boolean;
  version: string | null;
  message_en: string;
  message_zh: string;
}

export interface DownloaderTorrent {
  hash: string;
  name: string;
  size: number;
  progress: number;
  dlspeed: number;
  upspeed: number;
  num_seeds: number;
  num_leechs: number;
  state: string;
  eta: number;
  category: string;
  save_path: string;
  added_on: number;
  tags: string;
  completion_on: number;
  content_path: string;
  amount_left: number;
}

export type Empty = Record<string, never>;

export interface Event {
  kind: string;
  at: string;
  program_state: ProgramStateEvent | null;
  feed_refreshed: FeedRefreshedEvent | null;
  torrent_added: TorrentAddedEvent | null;
  file_renamed: FileRenamedEvent | null;
  notification_sent: NotificationSentEvent | null;
  log_line: LogLineEvent | null;
  rules_changed: RulesChangedEvent | null;
  feed_refresh_progress: FeedRefreshProgressEvent | null;
  missing_episode: MissingEpisodeEvent | null;
}

export interface EventsRequest {
  kinds: string[];
}

export interface ExplainTitleRequest {
  title: string;
}

export interface FeedItem {
  id: number;
  rss_id: number | null;
  name: string;
  url: string;
  homepage: string | null;
  published_at: string | null;
  status: string;
  reason_en: string;
  reason_zh: string;
  bangumi_id: number | null;
  bangumi_title: string | null;
  duplicate_of: number | null;
  episode_key: string | null;
  attempts: number;
  reason: FeedItemReason | null;
}

export interface FeedItemIdRequest {
  id: number;
}

export interface FeedItemReason {
  kind: string;
  rule_id: number | null;
  rule_title: string | null;
  word: string | null;
  release_id: number | null;
  release_name: string | null;
  until: string | null;
  closest_rule_id: number | null;
  closest_rule_title: string | null;
  closest_title: string | null;
  closest_why: string | null;
}

export interface FeedRefreshProgressEvent {
  refresh_id: string;
  stage: string;
  done: number;
  total: number;
  rss_ids: number[];
  new_items: number;
  rules_created: number;
  downloaded: number;
  failed_feeds: number;
}

export interface FeedRefreshedEvent {
  rss_id: number;
  name: string;
  new_items: number;
  connection_status: string;
  last_error: string | null;
}

export interface FileRenamedEvent {
  bangumi_id: number | null;
  torrent_hash: string;
  old_path: string;
  new_path: string;
  official_title: string;
  season: number;
  episode: number;
}

export interface ForgottenRule {
  id: number;
  title_raw: string;
  group_name: string | null;
  season: number;
  official_title: string;
  rss_link: string;
  forgotten_at: string;
}

export interface ForgottenRuleIdRequest {
  id: number;
}

export interface GetBangumiRequest {
  bangumi_id: number;
}

export type GetConfigRequest = Record<string, never>;

export type GetLogRequest = Record<string, never>;

export type GetOverviewRequest = Record<string, never>;

export interface GetPosterRequest {
  path: string;
}

export type GetProviderConfigRequest = Record<string, never>;

export type GetSetupStatusRequest = Record<string, never>;

export type GetStatusRequest = Record<string, never>;

export interface HashesRequest {
  hashes: string[];
}

export interface HealthResponse {
  status: string;
  version: string;
}

export interface InstanceInfo {
  instance_id: string;
  version: string;
  name: string;
}

export type ListBangumiRequest = Record<string, never>;

export interface ListBangumiResponse {
  bangumi: Bangumi[];
}

export type ListDownloaderTorrentsRequest = Record<string, never>;

export interface ListDownloaderTorrentsResponse {
  torrents: DownloaderTorrent[];
}

export type ListDownloadsRequest = Record<string, never>;

export interface ListDownloadsResponse {
  torrents: Download[];
}

export interface ListFeedItemsRequest {
  rss_id: number;
  limit: number;
  offset: number;
  status: string;
}

export interface ListFeedItemsResponse {
  total: number;
  items: FeedItem[];
}

export type ListForgottenRulesRequest = Record<string, never>;

export interface ListForgottenRulesResponse {
  rules: ForgottenRule[];
}

export type ListPasskeysRequest = Record<string, never>;

export interface ListPasskeysResponse {
  passkeys: Passkey[];
}

export type ListProvidersRequest = Record<string, never>;

export interface ListProvidersResponse {
  providers: string[];
}

export type ListRssRequest = Record<string, never>;

export interface ListRssResponse {
  rss: RssItem[];
}

export type ListSessionsRequest = Record<string, never>;

export interface ListSessionsResponse {
  sessions: LoginSession[];
}

export type ListTokensRequest = Record<string, never>;

export interface ListTokensResponse {
  tokens: ApiTokenInfo[];
}

export interface ListTorrentsResponse {
  torrents: Torrent[];
}

export interface LogConfig {
  debug_enable: boolean;
}

export interface LogLineEvent {
  level: string;
  message: string;
  line: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  grant_type: string;
  scope: string;
  client_id: string;
  client_secret: string;
}

export interface LoginSession {
  id: string;
  created_at: string;
  expires_at: string;
  client_ip: string | null;
  method: string;
  current: boolean;
}

export type LogoutRequest = Record<string, never>;

export interface ManyBangumiRequest {
  bangumi_ids: number[];
  file: boolean;
}

export interface ManyRssRequest {
  rss_ids: number[];
}

export interface MediaPathMapping {
  local_path: string;
  server_path: string;
}

export interface MediaServer {
  type: string;
  url: string;
  token: string;
  enabled: boolean;
  path_mappings: MediaPathMapping[];
}

export interface MediaServerConfig {
  servers: MediaServer[];
  write_nfo: boolean;
  write_poster: boolean;
}

export interface MissingEpisodeEvent {
  bangumi_id: number;
  official_title: string;
  episode_key: string;
  due: string;
  days_late: number;
}

export interface NetworkConfig {
  mikan_base_url: string;
  tmdb_base_url: string;
  tmdb_api_key: string;
  tmdb_image_base_url: string;
  bgm_base_url: string;
}

export interface NotificationConfig {
  enable: boolean;
  providers: NotificationProvider[];
  type: string | null;
  token: string | null;
  chat_id: string | null;
  base_url: string;
  digest_minutes: number;
  on_complete: boolean;
}

export interface NotificationProvider {
  type: string;
  enabled: boolean;
  token: string | null;
  chat_id: string | null;
  webhook_url: string | null;
  server_url: string | null;
  device_key: string | null;
  user_key: string | null;
  api_token: string | null;
  template: string | null;
  url: string | null;
}

export interface NotificationSentEvent {
  provider: string;
  title: string;
  success: boolean;
}

export interface NotificationTestResult {
  success: boolean;
  message: string;
  message_zh: string;
  message_en: string;
}

export interface OffsetSuggestion {
  season_offset: number;
  episode_offset: number | null;
  reason: string;
  confidence: string;
}

export interface OpenAiConfig {
  enable: boolean;
  api_key: string;
  api_base: string;
  api_type: string;
  api_version: string;
  model: string;
  deployment_id: string;
}

export interface Overview {
  program_running: boolean;
  first_run: boolean;
  downloader: DownloaderState | null;
  last_refresh_at: string | null;
  next_refresh_at: string | null;
  rules: number;
  rules_active: number;
  rules_archived: number;
  rules_needing_review: number;
  feeds: number;
  feeds_with_errors: number;
  episodes_this_week: number;
  held_renames: number;
  failed_renames: number;
  version: string;
}

export interface ParsedFields {
  group: string | null;
  title_zh: string | null;
  title_en: string | null;
  title_jp: string | null;
  season: number;
  season_raw: string | null;
  episode: string | null;
  version: number | null;
  batch: boolean;
  episode_type: string;
  resolution: string | null;
  source: string | null;
  platform: string | null;
  sub: string | null;
  video: string | null;
  audio: string | null;
  crc32: string | null;
  year: number | null;
}

export interface Passkey {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  backup_eligible: boolean;
  aaguid: string | null;
}

export interface PasskeyAuthOptionsRequest {
  username: string | null;
}

export interface PasskeyAuthVerifyRequest {
  username: string | null;
  credential: JsonObject | null;
}

export interface PasskeyOptions {
  options: JsonObject | null;
}

export type PasskeyRegisterOptionsRequest = Record<string, never>;

export interface PasskeyRegisterVerifyRequest {
  name: string;
  attestation_response: JsonObject | null;
}

export interface PathMapping {
  downloader_path: string;
  local_path: string;
}

export interface PreferenceConfig {
  order: string[];
  subtitles: string[];
  groups: string[];
  resolutions: string[];
  codecs: string[];
  sources: string[];
  delay_minutes: number;
  remove_superseded: boolean;
}

export interface PreviewRenameRequest {
  hash: string | null;
  bangumi_id: number | null;
}

export interface PreviewRenameResponse {
  method: string;
  items: RenamePreviewItem[];
  template: string;
}

export interface ProgramConfig {
  rss_time: number;
  rename_time: number;
  webui_port: number;
}

export interface ProgramStateEvent {
  state: string;
  running: boolean;
}

export interface ProviderConfig {
  providers: Record<string, string>;
}

export interface ProxyConfig {
  enable: boolean;
  type: string;
  host: string;
  port: number;
  username: string;
  password: string;
}

export type RefreshTokenRequest = Record<string, never>;

export interface RenamePreviewItem {
  torrent_hash: string;
  torrent_name: string;
  save_path: string;
  new_save_path: string;
  old_path: string;
  new_path: string;
  status: string;
  kind: string;
  season: number | null;
  episode: number | null;
  reason_en: string;
  reason_zh: string;
  completed: boolean;
}

export interface RssIdRequest {
  rss_id: number;
}

export interface RssItem {
  id: number;
  name: string | null;
  url: string;
  aggregate: boolean;
  parser: string;
  enabled: boolean;
  connection_status: string | null;
  last_checked_at: string | null;
  last_error: string | null;
  downloader: string | null;
}

export interface RssParserConfig {
  enable: boolean;
  filter: string[];
  language: string;
}

export type RulesChangedEvent = Record<string, never>;

export interface SearchProvider {
  name: string;
  url: string;
}

export interface SearchRequest {
  site: string;
  keywords: string;
  provider: string;
  keyword: string;
}

export interface SecurityConfig {
  login_whitelist: string[];
  login_tokens: string[];
  mcp_whitelist: string[];
  mcp_tokens: string[];
  webauthn_rp_id: string;
  webauthn_origin: string;
}

export interface SetWeekdayRequest {
  bangumi_id: number;
  weekday: number | null;
}

export interface SetupStatus {
  need_setup: boolean;
  version: string;
}

export interface SetupTestResult {
  success: boolean;
  message_en: string;
  message_zh: string;
  title: string | null;
  item_count: number | null;
}

export interface StatusResponse {
  status: boolean;
  version: string;
  first_run: boolean;
  state: string;
}

export interface SubscribeRequest {
  data: Bangumi | null;
  rss: RssItem | null;
}

export interface SuggestOffsetResponse {
  suggested_offset: number;
  reason: string;
}

export interface TagTorrentRequest {
  hash: string;
  bangumi_id: number;
}

export interface TestDownloaderRequest {
  type: string;
  host: string;
  username: string;
  password: string;
  ssl: boolean;
  api_key: string;
  instance: string;
}

export interface TestNetworkRequest {
  url: string;
}

export interface TestNotificationRequest {
  type: string;
  token: string;
  chat_id: string;
}

export interface TestProviderRequest {
  provider_index: number;
}

export interface TestRssRequest {
  url: string;
}

export interface TitleExplanation {
  title: string;
  fields: ParsedFields | null;
  spans: TitleSpan[];
}

export interface TitleSpan {
  field: string;
  start: number;
  end: number;
  text: string;
}

export interface TmdbSeasonInfo {
  title: string;
  total_seasons: number;
  season_episode_counts: Record<string, number>;
  status: string;
  virtual_season_starts: Record<string, JsonValue[]>;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
}

export interface Torrent {
  id: number;
  refer_id: number | null;
  rss_id: number | null;
  name: string;
  url: string;
  homepage: string | null;
  downloaded: boolean;
  qb_hash: string | null;
  status: string | null;
}

export interface TorrentAddedEvent {
  bangumi_id: number | null;
  name: string;
  url: string;
  save_path: string;
}

export interface UnmatchedTorrent {
  hash: string;
  name: string;
  save_path: string;
}

export interface UpdateBangumiRequest {
  bangumi_id: number;
  data: Bangumi | null;
  update_mask: string | null;
}

export interface UpdateConfigRequest {
  config: Config | null;
  update_mask: string | null;
}

export interface UpdateCredentialsRequest {
  username: string | null;
  password: string | null;
}

export interface UpdateCredentialsResponse {
  access_token: string;
  token_type: string;
  message: string;
}

export interface UpdateRssRequest {
  rss_id: number;
  data: RssItem | null;
  update_mask: string | null;
}

/** Every RPC by `Service.Method`, with its HTTP binding(s). */
export const ROUTES = {
  "AuthService.Login": {
    service: "AuthService",
    method: "Login",
    http_method: "POST",
    path: "/api/v1/auth/login",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "LoginRequest",
    response_type: "TokenResponse",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "AuthService.RefreshToken": {
    service: "AuthService",
    method: "RefreshToken",
    http_method: "GET",
    path: "/api/v1/auth/refresh_token",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "RefreshTokenRequest",
    response_type: "TokenResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/auth/refresh_token", body: null, response_body: null },
      { http_method: "POST", path: "/api/v1/auth/refresh", body: null, response_body: null },
    ],
  },
  "AuthService.Logout": {
    service: "AuthService",
    method: "Logout",
    http_method: "GET",
    path: "/api/v1/auth/logout",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "LogoutRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/auth/logout", body: null, response_body: null },
    ],
  },
  "AuthService.UpdateCredentials": {
    service: "AuthService",
    method: "UpdateCredentials",
    http_method: "POST",
    path: "/api/v1/auth/update",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "UpdateCredentialsRequest",
    response_type: "UpdateCredentialsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.RegisterOptions": {
    service: "PasskeyService",
    method: "RegisterOptions",
    http_method: "POST",
    path: "/api/v1/passkey/register/options",
    body: "*",
    response_body: "options",
    path_params: [],
    request_type: "PasskeyRegisterOptionsRequest",
    response_type: "PasskeyOptions",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.RegisterVerify": {
    service: "PasskeyService",
    method: "RegisterVerify",
    http_method: "POST",
    path: "/api/v1/passkey/register/verify",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "PasskeyRegisterVerifyRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.AuthOptions": {
    service: "PasskeyService",
    method: "AuthOptions",
    http_method: "POST",
    path: "/api/v1/passkey/auth/options",
    body: "*",
    response_body: "options",
    path_params: [],
    request_type: "PasskeyAuthOptionsRequest",
    response_type: "PasskeyOptions",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.AuthVerify": {
    service: "PasskeyService",
    method: "AuthVerify",
    http_method: "POST",
    path: "/api/v1/passkey/auth/verify",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "PasskeyAuthVerifyRequest",
    response_type: "TokenResponse",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.ListPasskeys": {
    service: "PasskeyService",
    method: "ListPasskeys",
    http_method: "GET",
    path: "/api/v1/passkey/list",
    body: null,
    response_body: "passkeys",
    path_params: [],
    request_type: "ListPasskeysRequest",
    response_type: "ListPasskeysResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "PasskeyService.DeletePasskey": {
    service: "PasskeyService",
    method: "DeletePasskey",
    http_method: "POST",
    path: "/api/v1/passkey/delete",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "DeletePasskeyRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ConfigService.GetConfig": {
    service: "ConfigService",
    method: "GetConfig",
    http_method: "GET",
    path: "/api/v1/config/get",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "GetConfigRequest",
    response_type: "Config",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ConfigService.UpdateConfig": {
    service: "ConfigService",
    method: "UpdateConfig",
    http_method: "PATCH",
    path: "/api/v1/config/update",
    body: "config",
    response_body: null,
    path_params: [],
    request_type: "UpdateConfigRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/config/update", body: "config", response_body: null },
    ],
  },
  "BangumiService.ListBangumi": {
    service: "BangumiService",
    method: "ListBangumi",
    http_method: "GET",
    path: "/api/v1/bangumi/get/all",
    body: null,
    response_body: "bangumi",
    path_params: [],
    request_type: "ListBangumiRequest",
    response_type: "ListBangumiResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.GetBangumi": {
    service: "BangumiService",
    method: "GetBangumi",
    http_method: "GET",
    path: "/api/v1/bangumi/get/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "GetBangumiRequest",
    response_type: "Bangumi",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.UpdateBangumi": {
    service: "BangumiService",
    method: "UpdateBangumi",
    http_method: "PATCH",
    path: "/api/v1/bangumi/update/{bangumi_id}",
    body: "data",
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "UpdateBangumiRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.DeleteBangumi": {
    service: "BangumiService",
    method: "DeleteBangumi",
    http_method: "DELETE",
    path: "/api/v1/bangumi/delete/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "DeleteBangumiRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.DeleteManyBangumi": {
    service: "BangumiService",
    method: "DeleteManyBangumi",
    http_method: "DELETE",
    path: "/api/v1/bangumi/delete/many",
    body: "bangumi_ids",
    response_body: null,
    path_params: [],
    request_type: "ManyBangumiRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "DELETE", path: "/api/v1/bangumi/delete/many/", body: "bangumi_ids", response_body: null },
      { http_method: "POST", path: "/api/v1/bangumi/delete/many", body: "bangumi_ids", response_body: null },
      { http_method: "POST", path: "/api/v1/bangumi/delete/many/", body: "bangumi_ids", response_body: null },
    ],
  },
  "BangumiService.DisableBangumi": {
    service: "BangumiService",
    method: "DisableBangumi",
    http_method: "DELETE",
    path: "/api/v1/bangumi/disable/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "DisableBangumiRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/disable/{bangumi_id}", body: null, response_body: null },
    ],
  },
  "BangumiService.DisableManyBangumi": {
    service: "BangumiService",
    method: "DisableManyBangumi",
    http_method: "DELETE",
    path: "/api/v1/bangumi/disable/many",
    body: "bangumi_ids",
    response_body: null,
    path_params: [],
    request_type: "ManyBangumiRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "DELETE", path: "/api/v1/bangumi/disable/many/", body: "bangumi_ids", response_body: null },
      { http_method: "POST", path: "/api/v1/bangumi/disable/many", body: "bangumi_ids", response_body: null },
      { http_method: "POST", path: "/api/v1/bangumi/disable/many/", body: "bangumi_ids", response_body: null },
    ],
  },
  "BangumiService.EnableBangumi": {
    service: "BangumiService",
    method: "EnableBangumi",
    http_method: "GET",
    path: "/api/v1/bangumi/enable/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/enable/{bangumi_id}", body: null, response_body: null },
    ],
  },
  "BangumiService.RefreshPosterAll": {
    service: "BangumiService",
    method: "RefreshPosterAll",
    http_method: "GET",
    path: "/api/v1/bangumi/refresh/poster/all",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/refresh/poster/all", body: null, response_body: null },
    ],
  },
  "BangumiService.RefreshPoster": {
    service: "BangumiService",
    method: "RefreshPoster",
    http_method: "GET",
    path: "/api/v1/bangumi/refresh/poster/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/refresh/poster/{bangumi_id}", body: null, response_body: null },
    ],
  },
  "BangumiService.RefreshCalendar": {
    service: "BangumiService",
    method: "RefreshCalendar",
    http_method: "GET",
    path: "/api/v1/bangumi/refresh/calendar",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/refresh/calendar", body: null, response_body: null },
    ],
  },
  "BangumiService.RefreshMetadata": {
    service: "BangumiService",
    method: "RefreshMetadata",
    http_method: "GET",
    path: "/api/v1/bangumi/refresh/metadata",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/refresh/metadata", body: null, response_body: null },
    ],
  },
  "BangumiService.ResetAll": {
    service: "BangumiService",
    method: "ResetAll",
    http_method: "GET",
    path: "/api/v1/bangumi/reset/all",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/bangumi/reset/all", body: null, response_body: null },
    ],
  },
  "BangumiService.ArchiveBangumi": {
    service: "BangumiService",
    method: "ArchiveBangumi",
    http_method: "PATCH",
    path: "/api/v1/bangumi/archive/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.UnarchiveBangumi": {
    service: "BangumiService",
    method: "UnarchiveBangumi",
    http_method: "PATCH",
    path: "/api/v1/bangumi/unarchive/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.SuggestOffset": {
    service: "BangumiService",
    method: "SuggestOffset",
    http_method: "GET",
    path: "/api/v1/bangumi/suggest-offset/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "SuggestOffsetResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.DetectOffset": {
    service: "BangumiService",
    method: "DetectOffset",
    http_method: "POST",
    path: "/api/v1/bangumi/detect-offset",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "DetectOffsetRequest",
    response_type: "DetectOffsetResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.DismissReview": {
    service: "BangumiService",
    method: "DismissReview",
    http_method: "POST",
    path: "/api/v1/bangumi/dismiss-review/{bangumi_id}",
    body: null,
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "BangumiIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.ListNeedsReview": {
    service: "BangumiService",
    method: "ListNeedsReview",
    http_method: "GET",
    path: "/api/v1/bangumi/needs-review",
    body: null,
    response_body: "bangumi",
    path_params: [],
    request_type: "ListBangumiRequest",
    response_type: "ListBangumiResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.SetWeekday": {
    service: "BangumiService",
    method: "SetWeekday",
    http_method: "PATCH",
    path: "/api/v1/bangumi/{bangumi_id}/weekday",
    body: "*",
    response_body: null,
    path_params: ["bangumi_id"],
    request_type: "SetWeekdayRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.ListForgottenRules": {
    service: "BangumiService",
    method: "ListForgottenRules",
    http_method: "GET",
    path: "/api/v1/bangumi/forgotten",
    body: null,
    response_body: "rules",
    path_params: [],
    request_type: "ListForgottenRulesRequest",
    response_type: "ListForgottenRulesResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.RestoreForgottenRule": {
    service: "BangumiService",
    method: "RestoreForgottenRule",
    http_method: "POST",
    path: "/api/v1/bangumi/forgotten/{id}/restore",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "ForgottenRuleIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "BangumiService.DeleteForgottenRule": {
    service: "BangumiService",
    method: "DeleteForgottenRule",
    http_method: "DELETE",
    path: "/api/v1/bangumi/forgotten/{id}",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "ForgottenRuleIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.ListRss": {
    service: "RssService",
    method: "ListRss",
    http_method: "GET",
    path: "/api/v1/rss",
    body: null,
    response_body: "rss",
    path_params: [],
    request_type: "ListRssRequest",
    response_type: "ListRssResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.AddRss": {
    service: "RssService",
    method: "AddRss",
    http_method: "POST",
    path: "/api/v1/rss/add",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "RssItem",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.EnableManyRss": {
    service: "RssService",
    method: "EnableManyRss",
    http_method: "POST",
    path: "/api/v1/rss/enable/many",
    body: "rss_ids",
    response_body: null,
    path_params: [],
    request_type: "ManyRssRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/enable/many/", body: "rss_ids", response_body: null },
    ],
  },
  "RssService.DisableRss": {
    service: "RssService",
    method: "DisableRss",
    http_method: "PATCH",
    path: "/api/v1/rss/disable/{rss_id}",
    body: null,
    response_body: null,
    path_params: ["rss_id"],
    request_type: "RssIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/disable/{rss_id}", body: null, response_body: null },
    ],
  },
  "RssService.DisableManyRss": {
    service: "RssService",
    method: "DisableManyRss",
    http_method: "POST",
    path: "/api/v1/rss/disable/many",
    body: "rss_ids",
    response_body: null,
    path_params: [],
    request_type: "ManyRssRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/disable/many/", body: "rss_ids", response_body: null },
    ],
  },
  "RssService.DeleteRss": {
    service: "RssService",
    method: "DeleteRss",
    http_method: "DELETE",
    path: "/api/v1/rss/delete/{rss_id}",
    body: null,
    response_body: null,
    path_params: ["rss_id"],
    request_type: "RssIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/delete/{rss_id}", body: null, response_body: null },
    ],
  },
  "RssService.DeleteManyRss": {
    service: "RssService",
    method: "DeleteManyRss",
    http_method: "POST",
    path: "/api/v1/rss/delete/many",
    body: "rss_ids",
    response_body: null,
    path_params: [],
    request_type: "ManyRssRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/delete/many/", body: "rss_ids", response_body: null },
      { http_method: "DELETE", path: "/api/v1/rss/delete/many", body: "rss_ids", response_body: null },
    ],
  },
  "RssService.UpdateRss": {
    service: "RssService",
    method: "UpdateRss",
    http_method: "PATCH",
    path: "/api/v1/rss/update/{rss_id}",
    body: "data",
    response_body: null,
    path_params: ["rss_id"],
    request_type: "UpdateRssRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.RefreshAllRss": {
    service: "RssService",
    method: "RefreshAllRss",
    http_method: "GET",
    path: "/api/v1/rss/refresh/all",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/refresh/all", body: null, response_body: null },
    ],
  },
  "RssService.RefreshRss": {
    service: "RssService",
    method: "RefreshRss",
    http_method: "GET",
    path: "/api/v1/rss/refresh/{rss_id}",
    body: null,
    response_body: null,
    path_params: ["rss_id"],
    request_type: "RssIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/rss/refresh/{rss_id}", body: null, response_body: null },
    ],
  },
  "RssService.ListRssTorrents": {
    service: "RssService",
    method: "ListRssTorrents",
    http_method: "GET",
    path: "/api/v1/rss/torrent/{rss_id}",
    body: null,
    response_body: "torrents",
    path_params: ["rss_id"],
    request_type: "RssIdRequest",
    response_type: "ListTorrentsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.AnalyzeRss": {
    service: "RssService",
    method: "AnalyzeRss",
    http_method: "POST",
    path: "/api/v1/rss/analysis",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "RssItem",
    response_type: "Bangumi",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.CollectRss": {
    service: "RssService",
    method: "CollectRss",
    http_method: "POST",
    path: "/api/v1/rss/collect",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "Bangumi",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "RssService.SubscribeRss": {
    service: "RssService",
    method: "SubscribeRss",
    http_method: "POST",
    path: "/api/v1/rss/subscribe",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "SubscribeRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SearchService.SearchBangumi": {
    service: "SearchService",
    method: "SearchBangumi",
    http_method: "GET",
    path: "/api/v1/search/bangumi",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "SearchRequest",
    response_type: "Bangumi",
    server_streaming: true,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SearchService.ListProviders": {
    service: "SearchService",
    method: "ListProviders",
    http_method: "GET",
    path: "/api/v1/search/provider",
    body: null,
    response_body: "providers",
    path_params: [],
    request_type: "ListProvidersRequest",
    response_type: "ListProvidersResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SearchService.GetProviderConfig": {
    service: "SearchService",
    method: "GetProviderConfig",
    http_method: "GET",
    path: "/api/v1/search/provider/config",
    body: null,
    response_body: "providers",
    path_params: [],
    request_type: "GetProviderConfigRequest",
    response_type: "ProviderConfig",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SearchService.UpdateProviderConfig": {
    service: "SearchService",
    method: "UpdateProviderConfig",
    http_method: "PUT",
    path: "/api/v1/search/provider/config",
    body: "providers",
    response_body: "providers",
    path_params: [],
    request_type: "ProviderConfig",
    response_type: "ProviderConfig",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ProgramService.GetStatus": {
    service: "ProgramService",
    method: "GetStatus",
    http_method: "GET",
    path: "/api/v1/status",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "GetStatusRequest",
    response_type: "StatusResponse",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "ProgramService.StartProgram": {
    service: "ProgramService",
    method: "StartProgram",
    http_method: "GET",
    path: "/api/v1/start",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/start", body: null, response_body: null },
    ],
  },
  "ProgramService.StopProgram": {
    service: "ProgramService",
    method: "StopProgram",
    http_method: "GET",
    path: "/api/v1/stop",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/stop", body: null, response_body: null },
    ],
  },
  "ProgramService.RestartProgram": {
    service: "ProgramService",
    method: "RestartProgram",
    http_method: "GET",
    path: "/api/v1/restart",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/restart", body: null, response_body: null },
    ],
  },
  "ProgramService.Shutdown": {
    service: "ProgramService",
    method: "Shutdown",
    http_method: "GET",
    path: "/api/v1/shutdown",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/shutdown", body: null, response_body: null },
    ],
  },
  "ProgramService.CheckDownloader": {
    service: "ProgramService",
    method: "CheckDownloader",
    http_method: "GET",
    path: "/api/v1/check/downloader",
    body: null,
    response_body: "value",
    path_params: [],
    request_type: "Empty",
    response_type: "BoolValue",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ProgramService.Health": {
    service: "ProgramService",
    method: "Health",
    http_method: "GET",
    path: "/api/v1/health",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "HealthResponse",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "ProgramService.GetInstance": {
    service: "ProgramService",
    method: "GetInstance",
    http_method: "GET",
    path: "/api/v1/instance",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "InstanceInfo",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ProgramService.Events": {
    service: "ProgramService",
    method: "Events",
    http_method: "GET",
    path: "/api/v1/events/stream",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "EventsRequest",
    response_type: "Event",
    server_streaming: true,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.ListTorrents": {
    service: "DownloaderService",
    method: "ListTorrents",
    http_method: "GET",
    path: "/api/v1/downloader/torrents",
    body: null,
    response_body: "torrents",
    path_params: [],
    request_type: "ListDownloaderTorrentsRequest",
    response_type: "ListDownloaderTorrentsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.PauseTorrents": {
    service: "DownloaderService",
    method: "PauseTorrents",
    http_method: "POST",
    path: "/api/v1/downloader/torrents/pause",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "HashesRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.ResumeTorrents": {
    service: "DownloaderService",
    method: "ResumeTorrents",
    http_method: "POST",
    path: "/api/v1/downloader/torrents/resume",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "HashesRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.DeleteTorrents": {
    service: "DownloaderService",
    method: "DeleteTorrents",
    http_method: "POST",
    path: "/api/v1/downloader/torrents/delete",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "DeleteTorrentsRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.TagTorrent": {
    service: "DownloaderService",
    method: "TagTorrent",
    http_method: "POST",
    path: "/api/v1/downloader/torrents/tag",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TagTorrentRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloaderService.AutoTagTorrents": {
    service: "DownloaderService",
    method: "AutoTagTorrents",
    http_method: "POST",
    path: "/api/v1/downloader/torrents/tag/auto",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "AutoTagResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SetupService.GetSetupStatus": {
    service: "SetupService",
    method: "GetSetupStatus",
    http_method: "GET",
    path: "/api/v1/setup/status",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "GetSetupStatusRequest",
    response_type: "SetupStatus",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "SetupService.TestDownloader": {
    service: "SetupService",
    method: "TestDownloader",
    http_method: "POST",
    path: "/api/v1/setup/test-downloader",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestDownloaderRequest",
    response_type: "SetupTestResult",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "SetupService.TestRss": {
    service: "SetupService",
    method: "TestRss",
    http_method: "POST",
    path: "/api/v1/setup/test-rss",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestRssRequest",
    response_type: "SetupTestResult",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "SetupService.TestNotification": {
    service: "SetupService",
    method: "TestNotification",
    http_method: "POST",
    path: "/api/v1/setup/test-notification",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestNotificationRequest",
    response_type: "SetupTestResult",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "SetupService.CompleteSetup": {
    service: "SetupService",
    method: "CompleteSetup",
    http_method: "POST",
    path: "/api/v1/setup/complete",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "CompleteSetupRequest",
    response_type: "CompleteSetupResponse",
    server_streaming: false,
    public: true,
    raw_response: false,
    additional_bindings: [],
  },
  "LogService.GetLog": {
    service: "LogService",
    method: "GetLog",
    http_method: "GET",
    path: "/api/v1/log",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "GetLogRequest",
    response_type: "Blob",
    server_streaming: false,
    public: false,
    raw_response: true,
    additional_bindings: [],
  },
  "LogService.ClearLog": {
    service: "LogService",
    method: "ClearLog",
    http_method: "GET",
    path: "/api/v1/log/clear",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [
      { http_method: "POST", path: "/api/v1/log/clear", body: null, response_body: null },
    ],
  },
  "NotificationService.TestProvider": {
    service: "NotificationService",
    method: "TestProvider",
    http_method: "POST",
    path: "/api/v1/notification/test",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestProviderRequest",
    response_type: "NotificationTestResult",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "NotificationService.TestProviderConfig": {
    service: "NotificationService",
    method: "TestProviderConfig",
    http_method: "POST",
    path: "/api/v1/notification/test-config",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "NotificationProvider",
    response_type: "NotificationTestResult",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "PosterService.GetPoster": {
    service: "PosterService",
    method: "GetPoster",
    http_method: "GET",
    path: "/posters/{path}",
    body: null,
    response_body: null,
    path_params: ["path"],
    request_type: "GetPosterRequest",
    response_type: "Blob",
    server_streaming: false,
    public: true,
    raw_response: true,
    additional_bindings: [],
  },
  "LibraryService.PreviewRename": {
    service: "LibraryService",
    method: "PreviewRename",
    http_method: "GET",
    path: "/api/v1/bangumi/rename/preview",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "PreviewRenameRequest",
    response_type: "PreviewRenameResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "LibraryService.RunRename": {
    service: "LibraryService",
    method: "RunRename",
    http_method: "POST",
    path: "/api/v1/bangumi/rename/run",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "Empty",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "ParserService.ExplainTitle": {
    service: "ParserService",
    method: "ExplainTitle",
    http_method: "POST",
    path: "/api/v1/parser/explain",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "ExplainTitleRequest",
    response_type: "TitleExplanation",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "TokenService.ListTokens": {
    service: "TokenService",
    method: "ListTokens",
    http_method: "GET",
    path: "/api/v1/tokens",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "ListTokensRequest",
    response_type: "ListTokensResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "TokenService.CreateToken": {
    service: "TokenService",
    method: "CreateToken",
    http_method: "POST",
    path: "/api/v1/tokens",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "CreateTokenRequest",
    response_type: "CreatedToken",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "TokenService.DeleteToken": {
    service: "TokenService",
    method: "DeleteToken",
    http_method: "DELETE",
    path: "/api/v1/tokens/{id}",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "DeleteTokenRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SessionService.ListSessions": {
    service: "SessionService",
    method: "ListSessions",
    http_method: "GET",
    path: "/api/v1/auth/sessions",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "ListSessionsRequest",
    response_type: "ListSessionsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "SessionService.DeleteSession": {
    service: "SessionService",
    method: "DeleteSession",
    http_method: "DELETE",
    path: "/api/v1/auth/sessions/{id}",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "DeleteSessionRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "OverviewService.GetOverview": {
    service: "OverviewService",
    method: "GetOverview",
    http_method: "GET",
    path: "/api/v1/overview",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "GetOverviewRequest",
    response_type: "Overview",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "FeedItemService.ListFeedItems": {
    service: "FeedItemService",
    method: "ListFeedItems",
    http_method: "GET",
    path: "/api/v1/rss/{rss_id}/items",
    body: null,
    response_body: null,
    path_params: ["rss_id"],
    request_type: "ListFeedItemsRequest",
    response_type: "ListFeedItemsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "FeedItemService.DownloadFeedItem": {
    service: "FeedItemService",
    method: "DownloadFeedItem",
    http_method: "POST",
    path: "/api/v1/rss/items/{id}/download",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "FeedItemIdRequest",
    response_type: "ApiMessage",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "FeedItemService.CreateRuleFromFeedItem": {
    service: "FeedItemService",
    method: "CreateRuleFromFeedItem",
    http_method: "POST",
    path: "/api/v1/rss/items/{id}/rule",
    body: null,
    response_body: null,
    path_params: ["id"],
    request_type: "FeedItemIdRequest",
    response_type: "Bangumi",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DownloadService.ListDownloads": {
    service: "DownloadService",
    method: "ListDownloads",
    http_method: "GET",
    path: "/api/v1/downloads",
    body: null,
    response_body: null,
    path_params: [],
    request_type: "ListDownloadsRequest",
    response_type: "ListDownloadsResponse",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DiagnosticsService.TestDownloader": {
    service: "DiagnosticsService",
    method: "TestDownloader",
    http_method: "POST",
    path: "/api/v1/downloader/test",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestDownloaderRequest",
    response_type: "SetupTestResult",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
  "DiagnosticsService.TestNetwork": {
    service: "DiagnosticsService",
    method: "TestNetwork",
    http_method: "POST",
    path: "/api/v1/network/test",
    body: "*",
    response_body: null,
    path_params: [],
    request_type: "TestNetworkRequest",
    response_type: "SetupTestResult",
    server_streaming: false,
    public: false,
    raw_response: false,
    additional_bindings: [],
  },
} as const satisfies Record<string, Route>;

/** Request and response types by `Service.Method`, for a typed `call<K>()`. */
export interface Methods {
  "AuthService.Login": {
    request: Input<LoginRequest>;
    response: TokenResponse;
    server_streaming: false;
  };
  "AuthService.RefreshToken": {
    request: Input<RefreshTokenRequest>;
    response: TokenResponse;
    server_streaming: false;
  };
  "AuthService.Logout": {
    request: Input<LogoutRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "AuthService.UpdateCredentials": {
    request: Input<UpdateCredentialsRequest>;
    response: UpdateCredentialsResponse;
    server_streaming: false;
  };
  "PasskeyService.RegisterOptions": {
    request: Input<PasskeyRegisterOptionsRequest>;
    response: JsonObject | null;
    server_streaming: false;
  };
  "PasskeyService.RegisterVerify": {
    request: Input<PasskeyRegisterVerifyRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "PasskeyService.AuthOptions": {
    request: Input<PasskeyAuthOptionsRequest>;
    response: JsonObject | null;
    server_streaming: false;
  };
  "PasskeyService.AuthVerify": {
    request: Input<PasskeyAuthVerifyRequest>;
    response: TokenResponse;
    server_streaming: false;
  };
  "PasskeyService.ListPasskeys": {
    request: Input<ListPasskeysRequest>;
    response: Passkey[];
    server_streaming: false;
  };
  "PasskeyService.DeletePasskey": {
    request: Input<DeletePasskeyRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ConfigService.GetConfig": {
    request: Input<GetConfigRequest>;
    response: Config;
    server_streaming: false;
  };
  "ConfigService.UpdateConfig": {
    request: Input<UpdateConfigRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.ListBangumi": {
    request: Input<ListBangumiRequest>;
    response: Bangumi[];
    server_streaming: false;
  };
  "BangumiService.GetBangumi": {
    request: Input<GetBangumiRequest, "bangumi_id">;
    response: Bangumi;
    server_streaming: false;
  };
  "BangumiService.UpdateBangumi": {
    request: Input<UpdateBangumiRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.DeleteBangumi": {
    request: Input<DeleteBangumiRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.DeleteManyBangumi": {
    request: Input<ManyBangumiRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.DisableBangumi": {
    request: Input<DisableBangumiRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.DisableManyBangumi": {
    request: Input<ManyBangumiRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.EnableBangumi": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.RefreshPosterAll": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.RefreshPoster": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.RefreshCalendar": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.RefreshMetadata": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.ResetAll": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.ArchiveBangumi": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.UnarchiveBangumi": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.SuggestOffset": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: SuggestOffsetResponse;
    server_streaming: false;
  };
  "BangumiService.DetectOffset": {
    request: Input<DetectOffsetRequest>;
    response: DetectOffsetResponse;
    server_streaming: false;
  };
  "BangumiService.DismissReview": {
    request: Input<BangumiIdRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.ListNeedsReview": {
    request: Input<ListBangumiRequest>;
    response: Bangumi[];
    server_streaming: false;
  };
  "BangumiService.SetWeekday": {
    request: Input<SetWeekdayRequest, "bangumi_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.ListForgottenRules": {
    request: Input<ListForgottenRulesRequest>;
    response: ForgottenRule[];
    server_streaming: false;
  };
  "BangumiService.RestoreForgottenRule": {
    request: Input<ForgottenRuleIdRequest, "id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "BangumiService.DeleteForgottenRule": {
    request: Input<ForgottenRuleIdRequest, "id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.ListRss": {
    request: Input<ListRssRequest>;
    response: RssItem[];
    server_streaming: false;
  };
  "RssService.AddRss": {
    request: Input<RssItem>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.EnableManyRss": {
    request: Input<ManyRssRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.DisableRss": {
    request: Input<RssIdRequest, "rss_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.DisableManyRss": {
    request: Input<ManyRssRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.DeleteRss": {
    request: Input<RssIdRequest, "rss_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.DeleteManyRss": {
    request: Input<ManyRssRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.UpdateRss": {
    request: Input<UpdateRssRequest, "rss_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.RefreshAllRss": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.RefreshRss": {
    request: Input<RssIdRequest, "rss_id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.ListRssTorrents": {
    request: Input<RssIdRequest, "rss_id">;
    response: Torrent[];
    server_streaming: false;
  };
  "RssService.AnalyzeRss": {
    request: Input<RssItem>;
    response: Bangumi;
    server_streaming: false;
  };
  "RssService.CollectRss": {
    request: Input<Bangumi>;
    response: ApiMessage;
    server_streaming: false;
  };
  "RssService.SubscribeRss": {
    request: Input<SubscribeRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "SearchService.SearchBangumi": {
    request: Input<SearchRequest>;
    response: Bangumi;
    server_streaming: true;
  };
  "SearchService.ListProviders": {
    request: Input<ListProvidersRequest>;
    response: string[];
    server_streaming: false;
  };
  "SearchService.GetProviderConfig": {
    request: Input<GetProviderConfigRequest>;
    response: Record<string, string>;
    server_streaming: false;
  };
  "SearchService.UpdateProviderConfig": {
    request: Input<ProviderConfig>;
    response: Record<string, string>;
    server_streaming: false;
  };
  "ProgramService.GetStatus": {
    request: Input<GetStatusRequest>;
    response: StatusResponse;
    server_streaming: false;
  };
  "ProgramService.StartProgram": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ProgramService.StopProgram": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ProgramService.RestartProgram": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ProgramService.Shutdown": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ProgramService.CheckDownloader": {
    request: Input<Empty>;
    response: boolean;
    server_streaming: false;
  };
  "ProgramService.Health": {
    request: Input<Empty>;
    response: HealthResponse;
    server_streaming: false;
  };
  "ProgramService.GetInstance": {
    request: Input<Empty>;
    response: InstanceInfo;
    server_streaming: false;
  };
  "ProgramService.Events": {
    request: Input<EventsRequest>;
    response: Event;
    server_streaming: true;
  };
  "DownloaderService.ListTorrents": {
    request: Input<ListDownloaderTorrentsRequest>;
    response: DownloaderTorrent[];
    server_streaming: false;
  };
  "DownloaderService.PauseTorrents": {
    request: Input<HashesRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "DownloaderService.ResumeTorrents": {
    request: Input<HashesRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "DownloaderService.DeleteTorrents": {
    request: Input<DeleteTorrentsRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "DownloaderService.TagTorrent": {
    request: Input<TagTorrentRequest>;
    response: ApiMessage;
    server_streaming: false;
  };
  "DownloaderService.AutoTagTorrents": {
    request: Input<Empty>;
    response: AutoTagResponse;
    server_streaming: false;
  };
  "SetupService.GetSetupStatus": {
    request: Input<GetSetupStatusRequest>;
    response: SetupStatus;
    server_streaming: false;
  };
  "SetupService.TestDownloader": {
    request: Input<TestDownloaderRequest>;
    response: SetupTestResult;
    server_streaming: false;
  };
  "SetupService.TestRss": {
    request: Input<TestRssRequest>;
    response: SetupTestResult;
    server_streaming: false;
  };
  "SetupService.TestNotification": {
    request: Input<TestNotificationRequest>;
    response: SetupTestResult;
    server_streaming: false;
  };
  "SetupService.CompleteSetup": {
    request: Input<CompleteSetupRequest>;
    response: CompleteSetupResponse;
    server_streaming: false;
  };
  "LogService.GetLog": {
    request: Input<GetLogRequest>;
    response: Blob;
    server_streaming: false;
  };
  "LogService.ClearLog": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "NotificationService.TestProvider": {
    request: Input<TestProviderRequest>;
    response: NotificationTestResult;
    server_streaming: false;
  };
  "NotificationService.TestProviderConfig": {
    request: Input<NotificationProvider>;
    response: NotificationTestResult;
    server_streaming: false;
  };
  "PosterService.GetPoster": {
    request: Input<GetPosterRequest, "path">;
    response: Blob;
    server_streaming: false;
  };
  "LibraryService.PreviewRename": {
    request: Input<PreviewRenameRequest>;
    response: PreviewRenameResponse;
    server_streaming: false;
  };
  "LibraryService.RunRename": {
    request: Input<Empty>;
    response: ApiMessage;
    server_streaming: false;
  };
  "ParserService.ExplainTitle": {
    request: Input<ExplainTitleRequest>;
    response: TitleExplanation;
    server_streaming: false;
  };
  "TokenService.ListTokens": {
    request: Input<ListTokensRequest>;
    response: ListTokensResponse;
    server_streaming: false;
  };
  "TokenService.CreateToken": {
    request: Input<CreateTokenRequest>;
    response: CreatedToken;
    server_streaming: false;
  };
  "TokenService.DeleteToken": {
    request: Input<DeleteTokenRequest, "id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "SessionService.ListSessions": {
    request: Input<ListSessionsRequest>;
    response: ListSessionsResponse;
    server_streaming: false;
  };
  "SessionService.DeleteSession": {
    request: Input<DeleteSessionRequest, "id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "OverviewService.GetOverview": {
    request: Input<GetOverviewRequest>;
    response: Overview;
    server_streaming: false;
  };
  "FeedItemService.ListFeedItems": {
    request: Input<ListFeedItemsRequest, "rss_id">;
    response: ListFeedItemsResponse;
    server_streaming: false;
  };
  "FeedItemService.DownloadFeedItem": {
    request: Input<FeedItemIdRequest, "id">;
    response: ApiMessage;
    server_streaming: false;
  };
  "FeedItemService.CreateRuleFromFeedItem": {
    request: Input<FeedItemIdRequest, "id">;
    response: Bangumi;
    server_streaming: false;
  };
  "DownloadService.ListDownloads": {
    request: Input<ListDownloadsRequest>;
    response: ListDownloadsResponse;
    server_streaming: false;
  };
  "DiagnosticsService.TestDownloader": {
    request: Input<TestDownloaderRequest>;
    response: SetupTestResult;
    server_streaming: false;
  };
  "DiagnosticsService.TestNetwork": {
    request: Input<TestNetworkRequest>;
    response: SetupTestResult;
    server_streaming: false;
  };
}

export type MethodKey = keyof Methods;
export type RequestOf<K extends MethodKey> = Methods[K]["request"];
export type ResponseOf<K extends MethodKey> = Methods[K]["response"];
