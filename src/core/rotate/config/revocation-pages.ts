/**
 * Where to revoke a committed secret, per audit-config rule id. Moving a secret out of a file does not
 * remove it from git history: anyone with a clone still has it, so it must be revoked and replaced.
 */
export interface RevocationPage {
  provider: string;
  url: string;
}

const GITHUB_TOKENS: RevocationPage = { provider: 'GitHub', url: 'https://github.com/settings/tokens' };
const GITHUB_APPS: RevocationPage = { provider: 'GitHub', url: 'https://github.com/settings/applications' };
const SLACK: RevocationPage = { provider: 'Slack', url: 'https://api.slack.com/apps' };
const STRIPE: RevocationPage = { provider: 'Stripe', url: 'https://dashboard.stripe.com/apikeys' };
const ANTHROPIC: RevocationPage = { provider: 'Anthropic', url: 'https://console.anthropic.com/settings/keys' };
const SUPABASE: RevocationPage = { provider: 'Supabase', url: 'https://supabase.com/dashboard/account/tokens' };

export const REVOCATION_PAGES: Readonly<Record<string, RevocationPage>> = {
  'github-pat': GITHUB_TOKENS,
  'github-fine-grained-pat': { provider: 'GitHub', url: 'https://github.com/settings/personal-access-tokens' },
  'github-oauth-token': GITHUB_APPS,
  'github-app-token': GITHUB_APPS,
  'github-refresh-token': GITHUB_APPS,
  'gitlab-pat': { provider: 'GitLab', url: 'https://gitlab.com/-/user_settings/personal_access_tokens' },
  'npm-access-token': { provider: 'npm', url: 'https://www.npmjs.com/settings/~/tokens' },
  'slack-bot-token': SLACK,
  'slack-user-token': SLACK,
  'slack-app-token': SLACK,
  'slack-webhook-url': SLACK,
  'discord-webhook-url': { provider: 'Discord', url: 'https://support.discord.com/hc/en-us/articles/228383668' },
  'atlassian-api-token': { provider: 'Atlassian', url: 'https://id.atlassian.com/manage-profile/security/api-tokens' },
  'linear-api-key': { provider: 'Linear', url: 'https://linear.app/settings/account/security' },
  'notion-api-token': { provider: 'Notion', url: 'https://www.notion.so/profile/integrations' },
  'notion-legacy-token': { provider: 'Notion', url: 'https://www.notion.so/profile/integrations' },
  'sentry-user-token': { provider: 'Sentry', url: 'https://sentry.io/settings/account/api/auth-tokens/' },
  'sentry-org-token': { provider: 'Sentry', url: 'https://sentry.io/orgredirect/organizations/:orgslug/settings/auth-tokens/' },
  'postman-api-key': { provider: 'Postman', url: 'https://go.postman.co/settings/me/api-keys' },
  'vercel-token': { provider: 'Vercel', url: 'https://vercel.com/account/settings/tokens' },
  'figma-token': { provider: 'Figma', url: 'https://help.figma.com/hc/en-us/articles/8085703771159' },
  'digitalocean-token': { provider: 'DigitalOcean', url: 'https://cloud.digitalocean.com/account/api/tokens' },
  'supabase-pat': SUPABASE,
  'supabase-service-role-key': { provider: 'Supabase', url: 'https://supabase.com/dashboard/project/_/settings/api-keys' },
  'huggingface-token': { provider: 'Hugging Face', url: 'https://huggingface.co/settings/tokens' },
  'openai-api-key': { provider: 'OpenAI', url: 'https://platform.openai.com/api-keys' },
  'anthropic-api-key': ANTHROPIC,
  'anthropic-admin-key': { provider: 'Anthropic', url: 'https://console.anthropic.com/settings/admin-keys' },
  'openrouter-api-key': { provider: 'OpenRouter', url: 'https://openrouter.ai/settings/keys' },
  'perplexity-api-key': { provider: 'Perplexity', url: 'https://www.perplexity.ai/account/api/keys' },
  'groq-api-key': { provider: 'Groq', url: 'https://console.groq.com/keys' },
  'xai-api-key': { provider: 'xAI', url: 'https://console.x.ai' },
  'tavily-api-key': { provider: 'Tavily', url: 'https://app.tavily.com/home' },
  'stripe-secret-key': STRIPE,
  'stripe-test-key': STRIPE,
  'aws-access-key-id': { provider: 'AWS', url: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
  'aws-secret-access-key': { provider: 'AWS', url: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
  'gcp-api-key': { provider: 'Google Cloud', url: 'https://console.cloud.google.com/apis/credentials' },
  'cloudflare-api-token': { provider: 'Cloudflare', url: 'https://dash.cloudflare.com/profile/api-tokens' },
  'sendgrid-api-key': { provider: 'SendGrid', url: 'https://app.sendgrid.com/settings/api_keys' },
  'datadog-api-key': { provider: 'Datadog', url: 'https://app.datadoghq.com/organization-settings/api-keys' },
  'pinecone-api-key': { provider: 'Pinecone', url: 'https://app.pinecone.io' },
  'replicate-token': { provider: 'Replicate', url: 'https://replicate.com/account/api-tokens' },
};

/** The provider page for a rule, or undefined for shapes with no provider (bearer literal, password). */
export function revocationPageFor(ruleId: string): RevocationPage | undefined {
  return REVOCATION_PAGES[ruleId];
}
