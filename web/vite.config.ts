import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// React and the router change rarely; a chunk of their own lets browsers keep it cached across app releases.
// antd is deliberately left to the bundler's own splitting: grouping it would pull the whole library
// (table, menu, drawer…) into the sign-in page.
const REACT_VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'react-vendor', test: REACT_VENDOR }] },
      },
    },
  },
});
