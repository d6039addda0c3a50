// WebAuthn's JSON options carry binary fields as base64url strings; the browser API wants bytes.

export function b64urlToBytes(s: string): ArrayBuffer {
  const pad = s.length % 4 === 0 ? '' : '='.repeat(4 - (s.length % 4));
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + pad);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

export function bytesToB64url(buf: ArrayBuffer | null): string | null {
  if (!buf) return null;
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

import { t } from '../i18n';
import type { JsonObject } from './generated/contract';

type Json = JsonObject;

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((d) => ({
    type: 'public-key' as const,
    id: b64urlToBytes(String((d as Json).id)),
    transports: Array.isArray((d as Json).transports) ? ((d as Json).transports as AuthenticatorTransport[]) : undefined,
  }));
}

export function supported(): boolean {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

export async function createPasskey(options: Json): Promise<Json> {
  const user = options.user as Json;
  const publicKey: PublicKeyCredentialCreationOptions = {
    ...(options as unknown as PublicKeyCredentialCreationOptions),
    challenge: b64urlToBytes(String(options.challenge)),
    rp: options.rp as unknown as PublicKeyCredentialRpEntity,
    user: { id: b64urlToBytes(String(user.id)), name: String(user.name), displayName: String(user.displayName ?? user.name) },
    pubKeyCredParams: options.pubKeyCredParams as unknown as PublicKeyCredentialParameters[],
    excludeCredentials: descriptors(options.excludeCredentials),
  };
  const cred = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
  if (!cred) throw new Error(t('login.passkey_cancelled'));
  const r = cred.response as AuthenticatorAttestationResponse;
  return {
    id: cred.id,
    rawId: bytesToB64url(cred.rawId),
    type: cred.type,
    response: {
      clientDataJSON: bytesToB64url(r.clientDataJSON),
      attestationObject: bytesToB64url(r.attestationObject),
      transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
    },
    clientExtensionResults: cred.getClientExtensionResults() as Json,
  };
}

export async function getPasskey(options: Json): Promise<Json> {
  const publicKey: PublicKeyCredentialRequestOptions = {
    ...(options as unknown as PublicKeyCredentialRequestOptions),
    challenge: b64urlToBytes(String(options.challenge)),
    allowCredentials: descriptors(options.allowCredentials),
  };
  const cred = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential | null;
  if (!cred) throw new Error(t('login.passkey_cancelled'));
  const r = cred.response as AuthenticatorAssertionResponse;
  return {
    id: cred.id,
    rawId: bytesToB64url(cred.rawId),
    type: cred.type,
    response: {
      clientDataJSON: bytesToB64url(r.clientDataJSON),
      authenticatorData: bytesToB64url(r.authenticatorData),
      signature: bytesToB64url(r.signature),
      userHandle: bytesToB64url(r.userHandle),
    },
    clientExtensionResults: cred.getClientExtensionResults() as Json,
  };
}
