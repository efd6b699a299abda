// Public surface of the signing library. Only node builtins are imported, so loading it is cheap.
export { KeyError, isKeyError, type KeyErrorCode } from './errors.js';
export {
  signSshsig,
  verifySshsig,
  prepareSshsig,
  settleSshsig,
  checkSignature,
  type PendingSignature,
  publicKeyBlob,
  publicKeyLine,
  parsePublicKeyLine,
  parsePublicKeyBlob,
  fingerprint,
  fingerprintOfBlob,
  ED25519_KEY_TYPE,
  type SigningKey,
  type VerifyResult,
  type VerifyFailureCode,
  type PublicKeyInfo,
  type HashAlgorithm,
} from './sshsig.js';
export {
  generateSigningKey,
  writeKeyFiles,
  loadPrivateKeyFile,
  signingKeyFromKeyObject,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  type GeneratedKey,
  type WrittenKeyFiles,
} from './keys.js';
export { agentSigningKey, listAgentIdentities, type AgentOptions, type AgentIdentity, type AgentSigningKey } from './agent.js';
export {
  parseAllowedSigners,
  checkTrust,
  principalsForKey,
  matchPattern,
  matchPatternList,
  parseTimestamp,
  type AllowedSigner,
  type AllowedSignersIssue,
  type ParsedAllowedSigners,
  type TrustQuery,
  type TrustResult,
  type TrustFailureCode,
} from './allowed-signers.js';
