// Last line of defence: a rendering bug shows a message and a way back instead of a blank panel.

/// <reference lib="dom" />
import { Component, ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="empty" role="alert">
        <p>
          <strong>Something went wrong in the ClipTriage panel.</strong>
        </p>
        <p className="dim">{this.state.error.message}</p>
        <p className="dim">Ratings already written to your clips are kept.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Back to the panel
        </button>{' '}
        <button type="button" onClick={() => window.location.reload()}>
          Reload the panel
        </button>
      </div>
    );
  }
}
