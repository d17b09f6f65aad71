/** @type {import("next").NextConfig} */
const nextConfig = {
  // This folder is the app's root, even inside another project with a lockfile of its own.
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
};

export default nextConfig;
