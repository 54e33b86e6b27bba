import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import "./styles/app.css";

const root = document.getElementById("root");
if (!root) throw new Error("Parley's page is missing its #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
