/**
 * The widget's root: the only component with state. It mirrors the stores it
 * shows and hands plain props down, so the children are pure functions and
 * the widget needs no hooks runtime.
 */
import { Component, createRef } from 'preact';
import type { ProductCard } from '@contoso-voice/protocol';
import type { WritableAtom } from 'nanostores';
import type { VoiceClient } from '../client.js';
import type { ChatMessage } from '../stores/messages.js';
import { MicButton } from './mic-button.js';
import { Panel } from './panel.js';

export interface AppProps {
  client: VoiceClient;
  $open: WritableAtom<boolean>;
  title: string;
  greeting: string;
  position: 'bottom-right' | 'bottom-left';
  onAdd(p: ProductCard): void;
}

interface AppState {
  open: boolean;
  voice: string;
  level: number;
  connection: string;
  notice: string | null;
  messages: ChatMessage[];
}

export class App extends Component<AppProps, AppState> {
  #input = createRef<HTMLInputElement>();
  #list = createRef<HTMLOListElement>();
  #unsubscribe: (() => void)[] = [];

  override componentDidMount() {
    const { client, $open } = this.props;
    const bind = <K extends keyof AppState>(key: K, store: { subscribe(fn: (v: any) => void): () => void }) =>
      this.#unsubscribe.push(store.subscribe((value) => this.setState({ [key]: value } as Pick<AppState, K>)));
    bind('open', $open);
    bind('voice', client.$voice);
    bind('level', client.$inputLevel);
    bind('connection', client.$connection);
    bind('notice', client.$notice);
    bind('messages', client.$messages);
  }

  override componentWillUnmount() {
    this.#unsubscribe.forEach((u) => u());
  }

  override componentDidUpdate(_: AppProps, prev: AppState) {
    if (this.state.open && !prev.open) this.props.client.connect();
    const list = this.#list.current;
    if (list && this.state.messages !== prev.messages) list.scrollTop = list.scrollHeight;
  }

  #close = () => {
    this.props.client.stopVoice();
    this.props.$open.set(false);
  };

  #press = () => {
    const { client, $open } = this.props;
    $open.set(true);
    // Audio can only start inside this click; without a microphone, the text box takes the focus.
    void Promise.resolve(client.toggleVoice()).then(() => client.$voice.get() === 'idle' && this.#input.current?.focus());
  };

  override render({ client, $open, title, greeting, position, onAdd }: AppProps, s: AppState) {
    return (
      <div class={`root ${position}`} onKeyDown={(e) => e.key === 'Escape' && s.open && this.#close()}>
        {s.open && (
          <Panel
            title={title}
            greeting={greeting}
            connection={s.connection}
            notice={s.notice}
            speaking={s.voice === 'assistant_speaking'}
            messages={s.messages}
            inputRef={this.#input}
            listRef={this.#list}
            onClose={this.#close}
            onStop={() => client.stopSpeaking()}
            onSend={(text) => client.sendText(text)}
            onAdd={onAdd}
            onUndo={client.undo}
          />
        )}
        <MicButton
          voice={s.voice}
          level={s.level}
          onPress={this.#press}
          onDown={client.unlockAudio}
          onHold={() => ($open.set(true), void client.holdToTalk())}
          onRelease={client.releaseToTalk}
        />
      </div>
    );
  }
}
