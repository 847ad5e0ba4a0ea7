import { L, R, token, type TokenFormat } from './token-format.js';

/** Cloud providers, payments, messaging and AI vendors (reference §3.1, §3.2). */
export const CLOUD_TOKEN_FORMATS: readonly TokenFormat[] = [
  { id: 'aws-access-key-id', title: 'AWS access key ID', pattern: token(`${L}((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${R}`), keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], minEntropy: 3 },
  { id: 'gcp-api-key', title: 'Google API key', pattern: token(`${L}(AIza[\\w-]{35})(?![\\w-])`), keywords: ['aiza'], minEntropy: 3.5 },
  { id: 'azure-ad-client-secret', title: 'Azure AD client secret', pattern: token('(?<![\\w~.-])([a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34})(?![\\w~.-])'), keywords: ['q~'], minEntropy: 3 },
  { id: 'azure-storage-key', title: 'Azure Storage account key', pattern: token('AccountKey=([a-zA-Z0-9+/=]{88})'), keywords: ['accountkey='] },
  { id: 'cloudflare-api-token', title: 'Cloudflare API token', pattern: token(`${L}((?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8})${R}`), keywords: ['cfk_', 'cfut_', 'cfat_'] },
  { id: 'stripe-secret-key', title: 'Stripe live secret key', pattern: token(`${L}((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,99})${R}`), keywords: ['sk_live', 'rk_live', 'sk_prod', 'rk_prod'], minEntropy: 2 },
  { id: 'stripe-test-key', title: 'Stripe test-mode secret key', pattern: token(`${L}((?:sk|rk)_test_[A-Za-z0-9]{10,99})${R}`), keywords: ['sk_test', 'rk_test'], severity: 'info', note: 'test mode: no real money, but it still reaches your Stripe account' },
  { id: 'stripe-publishable-key', title: 'Stripe publishable key', pattern: token(`${L}(pk_(?:live|test)_[A-Za-z0-9]{10,99})${R}`), keywords: ['pk_live', 'pk_test'], severity: 'info', note: 'publishable keys are meant to be public', publicByDesign: true },
  { id: 'twilio-api-key', title: 'Twilio API key', pattern: token(`${L}(SK[0-9a-fA-F]{32})${R}`), keywords: ['sk'], minEntropy: 3 },
  { id: 'sendgrid-api-key', title: 'SendGrid API key', pattern: token(`${L}(SG\\.[\\w-]{20,24}\\.[\\w-]{39,50})(?![\\w-])`), keywords: ['sg.'] },
  { id: 'openai-api-key', title: 'OpenAI API key', pattern: token(`${L}(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})(?![\\w-])`), keywords: ['t3blbkfj'] },
  { id: 'anthropic-api-key', title: 'Anthropic API key', pattern: token(`${L}(sk-ant-api0\\d-[A-Za-z0-9_-]{80,120})(?![\\w-])`), keywords: ['sk-ant-api'] },
  { id: 'anthropic-admin-key', title: 'Anthropic admin API key', pattern: token(`${L}(sk-ant-admin01-[A-Za-z0-9_-]{80,120})(?![\\w-])`), keywords: ['sk-ant-admin'] },
  { id: 'openrouter-api-key', title: 'OpenRouter API key', pattern: token(`${L}(sk-or-v1-[0-9a-f]{64})${R}`), keywords: ['sk-or-v1-'] },
  { id: 'huggingface-token', title: 'Hugging Face access token', pattern: token(`${L}((?:hf_|api_org_)[A-Za-z0-9]{34})${R}`), keywords: ['hf_', 'api_org_'], minEntropy: 3 },
  { id: 'perplexity-api-key', title: 'Perplexity API key', pattern: token(`${L}(pplx-[A-Za-z0-9]{48})${R}`), keywords: ['pplx-'] },
  { id: 'groq-api-key', title: 'Groq API key', pattern: token(`${L}(gsk_[A-Za-z0-9]{52})${R}`), keywords: ['gsk_'] },
  { id: 'xai-api-key', title: 'xAI API key', pattern: token(`${L}(xai-[0-9A-Za-z_]{80})${R}`), keywords: ['xai-'] },
  { id: 'replicate-token', title: 'Replicate API token', pattern: token(`${L}(r8_[0-9A-Za-z_-]{37})(?![\\w-])`), keywords: ['r8_'], minEntropy: 3 },
  { id: 'pinecone-api-key', title: 'Pinecone API key', pattern: token(`${L}(pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63})${R}`), keywords: ['pcsk_'] },
  { id: 'tavily-api-key', title: 'Tavily API key', pattern: token(`${L}(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${R}`), keywords: ['tvly-'], minEntropy: 3 },
];
