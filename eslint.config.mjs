import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "bench/out/**", "dist/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // After sign-in, sign-up and a tenant switch we want a full document load on
      // purpose: every server component must re-render under the new session.
      "@next/next/no-location-assign-relative-destination": "off",
    },
  },
];

export default config;
