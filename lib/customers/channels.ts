// Source channels a customer can come from, in the order the filter lists them.
// The column is free text (imports bring their own); these are the ones the app
// names in both languages (messages customers.channel.<code>). Others show as stored.
export const KNOWN_CHANNELS = ["store", "tmall", "jd", "wechat", "douyin", "web", "referral", "other"] as const;

/** Channels whose ids a person links by hand on the create form (imports bring others). */
export const IDENTITY_CHANNELS = ["member_no", "store", "wechat", "tmall", "jd", "douyin", "web"] as const;

export function channelLabelKey(code: string): string {
  return `customers.channel.${code}`;
}
