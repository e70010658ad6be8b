// Test helper: a fetch that never touches the network. It records each request and
// answers with whatever the test scripted.
export function fakeFetch(
  answer: (request: Request) => Response | Promise<Response> = () => json(200, {}),
) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return answer(request);
  };
  return { fetch, requests };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/** A fetch that answers only when the request's signal aborts (then rejects like fetch). */
export const hangingFetch = (request: Request) =>
  new Promise<Response>((_resolve, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
