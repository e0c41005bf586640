# An AWS Lambda-style Ruby handler: verify a webhook's signature, fan the events out.
require "json"
require "openssl"
require "net/http"

def handler(event:, context:)
  body = event["body"] || ""
  digest = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("SECRET"), body)
  return { statusCode: 401 } unless digest == event.dig("headers", "x-signature")
  events = JSON.parse(body).fetch("events", [])
  failed = []
  events.each do |e|
    uri = URI("https://queue.example/#{e["type"]}")
    response = Net::HTTP.post(uri, e.to_json, "Content-Type" => "application/json")
    failed << e["id"] unless response.is_a?(Net::HTTPSuccess)
  end
  { statusCode: failed.empty? ? 200 : 207, body: JSON.generate(failed: failed) }
end
