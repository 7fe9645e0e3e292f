//! "Listen": the article read aloud by the browser's own speech synthesis, one block at a time,
//! with the block being read highlighted. Hidden where the browser has no voice for the
//! article's language.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use super::article_text::Passage;

/// Class on the body block being read.
const SPEAKING_CLASS: &str = "speaking";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Playback {
    Stopped,
    Playing,
    Paused,
}

/// The browser's speech synthesis, where it has one.
fn synthesis() -> Option<SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok().filter(|synthesis| synthesis.is_object())
}

/// Whether a voice's BCP 47 tag (`en-GB`, `ar_EG`) speaks `language` (`en`, `ar-EG`).
pub fn voice_speaks(voice_lang: &str, language: &str) -> bool {
    let primary =
        |tag: &str| tag.split(['-', '_']).next().unwrap_or_default().trim().to_ascii_lowercase();
    let wanted = primary(language);
    !wanted.is_empty() && primary(voice_lang) == wanted
}

/// The best voice for `language`: one marked as the default that speaks it, else the first
/// that speaks it. `None` when no installed voice does.
fn voice_for(synthesis: &SpeechSynthesis, language: &str) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> = synthesis
        .get_voices()
        .iter()
        .filter(|voice| voice.is_object())
        .map(JsCast::unchecked_into)
        .filter(|voice: &SpeechSynthesisVoice| voice_speaks(&voice.lang(), language))
        .collect();
    voices.iter().find(|voice| voice.default()).or(voices.first()).cloned()
}

/// Play, pause and stop, shown once a voice for `language` is available.
#[component]
pub fn ListenControls(
    passages: Memo<Vec<Passage>>,
    language: String,
    body: NodeRef<leptos::html::Div>,
    /// Set while a voice for the article's language is available.
    available: RwSignal<bool>,
) -> impl IntoView {
    let voice = RwSignal::new(None::<SendWrapper<SpeechSynthesisVoice>>);
    // Whether the browser has listed its voices, none of them for this language: then the
    // reader is told why there is nothing to press (an empty list may still be loading).
    let no_voice = RwSignal::new(false);
    let playback = RwSignal::new(Playback::Stopped);
    // Bumped on every start and stop, so events from an earlier reading are ignored.
    let run = StoredValue::new(0u32);

    let find_voice = {
        let language = language.clone();
        move || {
            if let Some(synthesis) = synthesis() {
                let found = voice_for(&synthesis, &language);
                available.set(found.is_some());
                no_voice.set(found.is_none() && synthesis.get_voices().length() > 0);
                voice.set(found.map(SendWrapper::new));
            }
        }
    };
    find_voice();
    // Voices often arrive after the page does.
    if let Some(synthesis) = synthesis() {
        let listener = Closure::<dyn Fn()>::new(find_voice);
        let _ = synthesis
            .add_event_listener_with_callback("voiceschanged", listener.as_ref().unchecked_ref());
        let listener = SendWrapper::new(listener);
        let target = SendWrapper::new(synthesis);
        on_cleanup(move || {
            let _ = target.remove_event_listener_with_callback(
                "voiceschanged",
                listener.as_ref().unchecked_ref(),
            );
            // Leaving the article stops the reading.
            target.cancel();
        });
    }

    let highlight = move |block: Option<usize>| {
        let Some(body) = body.get_untracked() else { return };
        let children = body.children();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                let _ =
                    child.class_list().toggle_with_force(SPEAKING_CLASS, Some(i as usize) == block);
            }
        }
    };

    let stop = move || {
        run.update_value(|run| *run += 1);
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
        highlight(None);
        playback.set(Playback::Stopped);
    };

    let play = {
        let language = language.clone();
        move || {
            let (Some(synthesis), Some(voice)) = (synthesis(), voice.get_untracked()) else {
                return;
            };
            stop();
            let this_run = run.get_value();
            let passages = passages.get_untracked();
            let last = passages.len().saturating_sub(1);
            for (i, passage) in passages.iter().enumerate() {
                let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&passage.text) else {
                    continue;
                };
                utterance.set_lang(&language);
                // Through Reflect: a setter that throws must not take the page down.
                let _ = js_sys::Reflect::set(&utterance, &"voice".into(), &JsValue::from(&*voice));
                let block = passage.block;
                let on_start = Closure::<dyn Fn()>::new(move || {
                    if run.get_value() == this_run {
                        highlight(Some(block));
                    }
                });
                utterance.set_onstart(Some(on_start.into_js_value().unchecked_ref()));
                if i == last {
                    let on_end = Closure::<dyn Fn()>::new(move || {
                        if run.get_value() == this_run {
                            highlight(None);
                            playback.set(Playback::Stopped);
                        }
                    });
                    utterance.set_onend(Some(on_end.into_js_value().unchecked_ref()));
                }
                synthesis.speak(&utterance);
            }
            playback.set(if passages.is_empty() { Playback::Stopped } else { Playback::Playing });
        }
    };

    let pause_or_resume = move || {
        let Some(synthesis) = synthesis() else { return };
        match playback.get_untracked() {
            Playback::Playing => {
                synthesis.pause();
                playback.set(Playback::Paused);
            }
            Playback::Paused => {
                synthesis.resume();
                playback.set(Playback::Playing);
            }
            Playback::Stopped => {}
        }
    };

    let i18n = use_i18n();
    move || {
        if no_voice.get() {
            return Some(
                view! { <p class="listen-unavailable" role="note">{i18n.t("tools.no_voice")}</p> }
                    .into_any(),
            );
        }
        voice.with(Option::is_some).then(|| {
            let play = play.clone();
            view! {
                <div class="listen" id="reader-listen" role="group" aria-label=i18n.t("tools.listen_label")>
                    {move || match playback.get() {
                        Playback::Stopped => {
                            let play = play.clone();
                            view! { <button type="button" on:click=move |_| play()>{i18n.t("tools.listen")}</button> }.into_any()
                        }
                        state => view! {
                            <button type="button" on:click=move |_| pause_or_resume()>
                                {i18n.t(if state == Playback::Playing { "tools.pause" } else { "tools.resume" })}
                            </button>
                            <button type="button" on:click=move |_| stop()>{i18n.t("tools.stop")}</button>
                        }
                        .into_any(),
                    }}
                </div>
            }
            .into_any()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_match_on_the_primary_language() {
        assert!(voice_speaks("en-GB", "en"));
        assert!(voice_speaks("ar_EG", "ar-SA"));
        assert!(voice_speaks("AR", "ar"));
        assert!(!voice_speaks("en-US", "ar"));
        assert!(!voice_speaks("", ""));
        assert!(!voice_speaks("en-US", " "));
    }
}
