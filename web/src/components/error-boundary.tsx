// Last line of defence: a rendering bug shows a message and a way back, never a blank page.
import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Parley page failed to render", error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page">
        <div className="state state-error" role="alert">
          <p className="state-title">This page ran into a problem</p>
          <p>{this.state.error.message}</p>
          <p>
            <a href="/">Go to the shared map</a> or reload the page.
          </p>
        </div>
      </div>
    );
  }
}
